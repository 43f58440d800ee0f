using System.Text.Json;
using Warden.Resilience.Breakers;

namespace Warden.Storage.Sqlite;

/// <summary>Circuit states in the SQLite file; an update reads, changes and writes one key within one (group-committed) transaction.</summary>
public sealed class SqliteBreakerStore(SqliteDatabase database) : IBreakerStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Past this many cached states the cache starts over (it only saves work; the file stays the truth).</summary>
    private const int CachedStatesLimit = 10_000;

    // The state last read or written under each key, with the stored text it came from. Every read still
    // reads the row; only when its text is the cached text is the parse skipped. A tool circuit's text
    // holds its loop window (up to 64 recent calls), and parsing it was a tenth of the gateway's CPU per
    // call under load; comparing the text is a small fraction of that. A write in a transaction that is
    // rolled back leaves an entry whose text is not in the file, so it is never matched. Only touched by
    // Read and Write, which run holding the database's connection, one at a time.
    private readonly Dictionary<string, (string Body, BreakerState State)> _parsed = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<BreakerState> GetAsync(string key, CancellationToken cancellationToken = default) =>
        database.RunAsync(_ => Read(null, key), cancellationToken);

    /// <inheritdoc />
    public ValueTask<BreakerState> UpdateAsync(string key, Func<BreakerState, BreakerState> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return database.WriteAsync((_, transaction) =>
        {
            var read = Read(transaction, key);
            return Write(transaction, key, read, update(read));
        }, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<(BreakerState First, BreakerState Second)> UpdatePairAsync(
        string first, string second, Func<BreakerState, BreakerState, (BreakerState First, BreakerState Second)> update, bool flush = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (first == second)
        {
            throw new ArgumentException($"a pair of circuits needs two keys, not '{first}' twice", nameof(second));
        }

        return database.WriteAsync((_, transaction) =>
        {
            var (readFirst, readSecond) = (Read(transaction, first), Read(transaction, second));
            var (nextFirst, nextSecond) = update(readFirst, readSecond);
            return (Write(transaction, first, readFirst, nextFirst), Write(transaction, second, readSecond, nextSecond));
        }, flush, cancellationToken);
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
        if (select.ExecuteScalar() is not string body)
        {
            return BreakerState.Closed(key);
        }

        if (_parsed.TryGetValue(key, out var cached) && string.Equals(cached.Body, body, StringComparison.Ordinal))
        {
            return cached.State;
        }

        var state = JsonSerializer.Deserialize<BreakerState>(body, Json)!;
        Remember(key, body, state);
        return state;
    }

    private void Remember(string key, string body, BreakerState state)
    {
        if (_parsed.Count >= CachedStatesLimit)
        {
            _parsed.Clear();
        }

        _parsed[key] = (body, state);
    }

    /// <summary>Stores <paramref name="next"/> under <paramref name="key"/>, unless it is the very state <paramref name="read"/> (unchanged: a closed circuit's success, say).</summary>
    private BreakerState Write(Microsoft.Data.Sqlite.SqliteTransaction transaction, string key, BreakerState read, BreakerState next)
    {
        if (ReferenceEquals(read, next))
        {
            return next;
        }

        next = next with { Key = key };
        var upsert = database.Prepared("INSERT INTO breakers (key, body) VALUES ($key, $body) ON CONFLICT(key) DO UPDATE SET body = excluded.body");
        upsert.Transaction = transaction;
        upsert.Parameters.AddWithValue("$key", key);
        var body = JsonSerializer.Serialize(next, Json);
        upsert.Parameters.AddWithValue("$body", body);
        upsert.ExecuteNonQuery();
        Remember(key, body, next);
        return next;
    }
}
