using Warden.Samples.Office;

namespace Warden.Cli.Demo;

/// <summary>
/// The demo's files in the data folder: the sample office (private documents, the pages of a small
/// offline web, the outbox where sent mail lands), the order book and the demo's JSONL copy of the log.
/// </summary>
internal sealed class DemoWorld
{
    public DemoWorld(string dataDirectory)
    {
        Office = new OfficeFolder(dataDirectory);
        Orders = Path.Combine(Office.Root, "demo", "orders.jsonl");
    }

    public OfficeFolder Office { get; }

    public string Root => Office.Root;

    public string Outbox => Office.Outbox;

    public string Orders { get; }

    public string AuditLog => Path.Combine(Root, "audit.jsonl");

    /// <summary>Creates the folders and writes the seed files that are missing.</summary>
    public void Seed() => Office.Seed();
}
