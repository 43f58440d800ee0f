using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Warden.Approvals;

namespace Warden.Storage.Sqlite;

/// <summary>Approvals in <c>warden.db</c>: one row per request; each change is a compare-and-set on its status.</summary>
public sealed class SqliteApprovalStore(SqliteDatabase database) : IApprovalStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <inheritdoc />
    public async ValueTask AddAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await database.WriteAsync((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO approvals (id, call_key, status, requested_at, body) VALUES ($id, $key, $status, $at, $body)";
            insert.Parameters.AddWithValue("$id", request.Id);
            insert.Parameters.AddWithValue("$key", request.CallKey);
            insert.Parameters.AddWithValue("$status", request.Status.ToString());
            insert.Parameters.AddWithValue("$at", request.RequestedAt.UtcDateTime.ToString("O"));
            insert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(request, Json));
            insert.ExecuteNonQuery();
            return true;
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<ApprovalRequest?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => ReadOne(connection, "SELECT body FROM approvals WHERE id = $p", id), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ApprovalRequest?> FindLatestAsync(string callKey, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => ReadOne(connection, "SELECT body FROM approvals WHERE call_key = $p ORDER BY requested_at DESC, rowid DESC LIMIT 1", callKey), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<ApprovalRequest>>(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT body FROM approvals WHERE $status IS NULL OR status = $status ORDER BY requested_at DESC, rowid DESC LIMIT $limit";
            select.Parameters.AddWithValue("$status", (object?)status?.ToString() ?? DBNull.Value);
            select.Parameters.AddWithValue("$limit", Math.Max(0, limit));
            using var reader = select.ExecuteReader();
            var list = new List<ApprovalRequest>();
            while (reader.Read())
            {
                list.Add(JsonSerializer.Deserialize<ApprovalRequest>(reader.GetString(0), Json)!);
            }

            return list;
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TransitionAsync(string id, ApprovalStatus from, ApprovalRequest changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        changed = changed with { Id = id };
        return database.WriteAsync((connection, transaction) =>
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE approvals SET status = $to, body = $body WHERE id = $id AND status = $from";
            update.Parameters.AddWithValue("$to", changed.Status.ToString());
            update.Parameters.AddWithValue("$body", JsonSerializer.Serialize(changed, Json));
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$from", from.ToString());
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken: cancellationToken);
    }

    private static ApprovalRequest? ReadOne(SqliteConnection connection, string sql, string parameter)
    {
        using var select = connection.CreateCommand();
        select.CommandText = sql;
        select.Parameters.AddWithValue("$p", parameter);
        return select.ExecuteScalar() is string body ? JsonSerializer.Deserialize<ApprovalRequest>(body, Json) : null;
    }
}
