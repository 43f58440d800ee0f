using Microsoft.Data.Sqlite;
using Warden.Auditing;

namespace Warden.Storage.Sqlite;

/// <summary>
/// Reads an audit log (<c>audit.db</c>): queries, newest first, and exports, oldest first. Opened on its
/// own (<see cref="OpenReadOnly"/>) it never writes: no schema, no keys, no signed head, so that
/// reading a log kept as evidence leaves it as it was.
/// </summary>
public sealed class SqliteAuditReader
{
    private readonly string _connectionString;

    internal SqliteAuditReader(string connectionString) => _connectionString = connectionString;

    /// <summary>A reader of the log in <paramref name="dataDirectory"/> that opens the file read-only.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no audit log.</exception>
    public static SqliteAuditReader OpenReadOnly(string dataDirectory) =>
        new(SqliteAuditStore.ExistingLog(dataDirectory, readOnly: true));

    /// <summary>
    /// Every event that passes <paramref name="query"/>'s filters, oldest first, streamed from the file
    /// (for export to a SIEM); the query's limit and cursor are not used.
    /// </summary>
    public async IAsyncEnumerable<AuditEvent> ExportAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        const int PageSize = 10_000;
        long? after = null;
        while (true)
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var select = connection.CreateCommand();
            if (after is null && query.Since is { } since)
            {
                // Start at the first event of the time range (the ts index), not at the log's first.
                select.CommandText = "SELECT seq, body FROM audit WHERE seq >= COALESCE((SELECT MIN(seq) FROM audit WHERE ts >= $since), 9223372036854775807) ORDER BY seq LIMIT $page";
                select.Parameters.AddWithValue("$since", since.UtcDateTime.ToString("O"));
            }
            else
            {
                select.CommandText = "SELECT seq, body FROM audit WHERE seq > $after ORDER BY seq LIMIT $page";
                select.Parameters.AddWithValue("$after", after ?? 0);
            }

            select.Parameters.AddWithValue("$page", PageSize);
            var page = new List<AuditEvent>();
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    after = reader.GetInt64(0);
                    page.Add(AuditChain.Deserialize((byte[])reader[1]));
                }
            }

            foreach (var auditEvent in page)
            {
                if (query.Matches(auditEvent))
                {
                    yield return auditEvent;
                }
            }

            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>The newest events that pass <paramref name="query"/>'s filters, up to its limit, before its cursor.</summary>
    /// <remarks>
    /// The agent and session indexes live in <c>audit_index</c>, filled behind the appends (see
    /// <see cref="SqliteAuditStore"/>); a query by agent or session reads the events not yet indexed
    /// from the table itself and the rest through the index, in one read transaction, so that it sees
    /// every acknowledged event.
    /// </remarks>
    public async ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Max(0, query.Limit);
        var events = new List<AuditEvent>();
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (query.AgentId is null && query.SessionId is null)
        {
            await ReadAsync(connection, null, query, "audit", string.Empty, limit, events, cancellationToken).ConfigureAwait(false);
            return events;
        }

        // Deferred: a read transaction (one WAL snapshot for both reads) that never takes the write lock.
        await using var transaction = connection.BeginTransaction(deferred: true);
        long indexed;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM audit_index";
            indexed = (long)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await ReadAsync(connection, transaction, query, "audit a", $"a.seq > {indexed}", limit, events, cancellationToken).ConfigureAwait(false);
        if (events.Count < limit)
        {
            await ReadAsync(connection, transaction, query, "audit_index i CROSS JOIN audit a ON a.seq = i.seq", $"i.seq <= {indexed}", limit - events.Count, events, cancellationToken).ConfigureAwait(false);
        }

        return events;
    }

    /// <summary>Adds to <paramref name="events"/> the newest <paramref name="limit"/> events of <paramref name="from"/> that pass <paramref name="query"/> and <paramref name="range"/>.</summary>
    private static async Task ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, AuditQuery query, string from, string range, int limit, List<AuditEvent> events, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        var indexed = from.StartsWith("audit_index", StringComparison.Ordinal);
        var row = from == "audit" ? string.Empty : "a.";
        var where = new List<string>();
        if (range.Length > 0)
        {
            where.Add(range);
        }

        void Filter(string column, string op, string name, object? value)
        {
            if (value is not null)
            {
                where.Add($"{column} {op} {name}");
                select.Parameters.AddWithValue(name, value);
            }
        }

        Filter(indexed ? "i.agent" : row + "agent", "=", "$agent", query.AgentId);
        Filter(indexed ? "i.session" : row + "session", "=", "$session", query.SessionId);
        Filter(row + "type", "=", "$type", query.Type?.ToString());
        Filter(row + "ts", ">=", "$since", query.Since?.UtcDateTime.ToString("O"));
        Filter(row + "ts", "<", "$until", query.Until?.UtcDateTime.ToString("O"));
        Filter(row + "decision", "=", "$decision", query.Decision is { } decision ? DecisionNames.Of(decision) : null);
        Filter(row + "tool", "=", "$tool", query.Tool);
        if (query.BeforeId is not null)
        {
            where.Add($"{(indexed ? "i.seq" : row + "seq")} < (SELECT seq FROM audit WHERE id = $before)");
            select.Parameters.AddWithValue("$before", query.BeforeId);
        }

        select.CommandText = $"SELECT {row}body FROM {from} {(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where))} ORDER BY {(indexed ? "i.seq" : row + "seq")} DESC LIMIT $limit";
        select.Parameters.AddWithValue("$limit", limit);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(AuditChain.Deserialize((byte[])reader[0]));
        }
    }
}
