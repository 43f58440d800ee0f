using System.Text.Json;
using Warden.Resilience.Breakers;

namespace Warden.Storage.Sqlite;

/// <summary>Circuit states in the SQLite file; an update reads, changes and writes one key in one transaction.</summary>
public sealed class SqliteBreakerStore(SqliteDatabase database) : IBreakerStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public ValueTask<BreakerState> GetAsync(string key, CancellationToken cancellationToken = default) =>
        database.RunAsync(_ => Read(null, key), cancellationToken);

    /// <inheritdoc />
    public ValueTask<BreakerState> UpdateAsync(string key, Func<BreakerState, BreakerState> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return database.RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var next = update(Read(transaction, key)) with { Key = key };
            var upsert = database.Prepared("INSERT INTO breakers (key, body) VALUES ($key, $body) ON CONFLICT(key) DO UPDATE SET body = excluded.body");
            upsert.Transaction = transaction;
            upsert.Parameters.AddWithValue("$key", key);
            upsert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(next, Json));
            upsert.ExecuteNonQuery();
            transaction.Commit();
            return next;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<BreakerState>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<BreakerState>>(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT body FROM breakers ORDER BY key";
            using var reader = select.ExecuteReader();
            var states = new List<BreakerState>();
            while (reader.Read())
            {
                states.Add(JsonSerializer.Deserialize<BreakerState>(reader.GetString(0), Json)!);
            }

            return states;
        }, cancellationToken);

    private BreakerState Read(Microsoft.Data.Sqlite.SqliteTransaction? transaction, string key)
    {
        var select = database.Prepared("SELECT body FROM breakers WHERE key = $key");
        select.Transaction = transaction;
        select.Parameters.AddWithValue("$key", key);
        return select.ExecuteScalar() is string body ? JsonSerializer.Deserialize<BreakerState>(body, Json)! : BreakerState.Closed(key);
    }
}
