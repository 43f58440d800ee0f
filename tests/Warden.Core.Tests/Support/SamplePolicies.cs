namespace Warden.Tests.Support;

/// <summary>Policies shared by the gate tests.</summary>
internal static class SamplePolicies
{
    /// <summary>
    /// One WORKER agent; a private source, an untrusted source, an external sink, a tool that needs
    /// ADMIN, one that needs approval and one with an argument schema.
    /// </summary>
    public const string Standard = """
        agents:
          agent:
            role: WORKER
        tools:
          read_doc:
            capability: documents.read
            labels: [private]
          fetch:
            capability: internet.browse
            labels: [untrusted]
          send_mail:
            capability: email.access
            sink: external
          delete_doc:
            capability: documents.delete
          pay:
            capability: documents.write
            approval: always
          write_doc:
            capability: documents.write
            arguments:
              type: object
              properties:
                path: { type: string, maxLength: 20 }
                body: { type: string }
              required: [path]
              additionalProperties: false
        flows:
          - when: [untrusted, private]
            to: external
            then: deny
        """;
}
