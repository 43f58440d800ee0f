namespace Warden.Storage.Sqlite;

/// <summary>How <see cref="SqliteAuditStore.Open(string, SqliteAuditStoreOptions?, TimeProvider?)"/> finds its keys.</summary>
public sealed record SqliteAuditStoreOptions
{
    /// <summary>
    /// The Ed25519 private key that signs heads (32 raw bytes), when it is kept outside the data
    /// folder; null: <c>audit-signing.key</c> in the data folder, made on first use.
    /// </summary>
    public string? SigningKeyFile { get; init; }

    /// <summary>
    /// The key of masked-value digests, kept outside the data folder: giving it turns digests on.
    /// </summary>
    public string? DigestKeyFile { get; init; }

    /// <summary>
    /// Whether masked values are replaced by their keyed digest rather than by <c>***</c> alone: false by
    /// default. With <see cref="DigestKeyFile"/> unset, the key is <c>audit-digest.key</c> in the data
    /// folder, made on first use; then whoever holds a copy of the folder holds the log and the key,
    /// and can test guesses of a low-entropy masked value (a password) offline. Keep the key apart
    /// (<see cref="DigestKeyFile"/>) when copies of the folder leave your hands.
    /// </summary>
    public bool DigestMaskedValues { get; init; }
}
