using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Warden.Auditing;
using Warden.Policies;
using Warden.Resilience.Checkpoints;
using Warden.Storage.Sqlite;
using Warden.Tools;

namespace Warden.Storage.Tests;

public sealed class SqliteStoreTests : IAsyncLifetime
{
    private readonly SqliteStoreFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>Runs <paramref name="sql"/> on the store's file through a connection of its own (another process, as it were); returns the rows changed.</summary>
    private async Task<int> ExecuteOnFileAsync(string sql)
    {
        await using var edit = new SqliteConnection($"Data Source={Path.Combine(_factory.Folder, SqliteDatabase.FileName)}");
        await edit.OpenAsync(Ct);
        await using var command = edit.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_with_full_synchronous_commits()
    {
        _factory.Create();
        await using var probe = new SqliteConnection($"Data Source={Path.Combine(_factory.Folder, SqliteDatabase.FileName)}");
        await probe.OpenAsync(Ct);
        await using var command = probe.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task A_pair_update_whose_second_write_fails_leaves_both_circuits_as_they_were()
    {
        var stores = _factory.Create();
        await stores.Breakers.UpdateAsync("agent:a", s => s with { ConsecutiveFailures = 1 }, Ct);

        // The file refuses the second circuit's row (as a full disk or a constraint would), after the first was written in the same write.
        await ExecuteOnFileAsync("CREATE TRIGGER refuse_tool BEFORE INSERT ON breakers WHEN NEW.key = 'tool:a/send' BEGIN SELECT RAISE(ABORT, 'refused'); END");

        var failure = await Assert.ThrowsAsync<SqliteException>(async () => await stores.Breakers.UpdatePairAsync(
            "agent:a", "tool:a/send", (agent, tool) => (agent with { ConsecutiveFailures = 2 }, tool with { ConsecutiveFailures = 1 }), cancellationToken: Ct));

        Assert.Contains("refused", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await stores.Breakers.GetAsync("agent:a", Ct)).ConsecutiveFailures); // the first write was undone with the second
        Assert.Equal(0, (await stores.Breakers.GetAsync("tool:a/send", Ct)).ConsecutiveFailures);
        var next = await stores.Breakers.UpdateAsync("agent:a", s => s with { ConsecutiveFailures = s.ConsecutiveFailures + 1 }, Ct);
        Assert.Equal(2, next.ConsecutiveFailures);
        Assert.Equal(2, (await (await _factory.ReopenAsync()).Breakers.GetAsync("agent:a", Ct)).ConsecutiveFailures);
    }

    [Fact]
    public async Task A_breaker_state_changed_in_the_file_by_another_connection_is_read_as_the_file_holds_it()
    {
        var stores = _factory.Create();
        await stores.Breakers.UpdateAsync("tool:a/search", s => s with { ConsecutiveFailures = 3 }, Ct);
        Assert.Equal(3, (await stores.Breakers.GetAsync("tool:a/search", Ct)).ConsecutiveFailures);

        // Another process (an operator's reset, say) rewrites the row while this store keeps its parsed copy.
        Assert.Equal(1, await ExecuteOnFileAsync("UPDATE breakers SET body = replace(body, '\"consecutiveFailures\":3', '\"consecutiveFailures\":7') WHERE key = 'tool:a/search'"));

        Assert.Equal(7, (await stores.Breakers.GetAsync("tool:a/search", Ct)).ConsecutiveFailures);
        var updated = await stores.Breakers.UpdateAsync("tool:a/search", s => s with { ConsecutiveFailures = s.ConsecutiveFailures + 1 }, Ct);
        Assert.Equal(8, updated.ConsecutiveFailures);
        var unchanged = await stores.Breakers.UpdateAsync("tool:a/search", s => s, Ct);
        Assert.Same(updated, unchanged);
        Assert.Equal(8, (await (await _factory.ReopenAsync()).Breakers.GetAsync("tool:a/search", Ct)).ConsecutiveFailures);
    }

    [Fact]
    public async Task A_corrupted_checkpoint_row_is_detected_on_recovery_and_audited()
    {
        var stores = _factory.Create();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var policy = new StaticPolicySource(PolicyLoader.Load("""
            agents:
              agent: { role: READER }
            tools:
              read_mail: { capability: email.access, labels: [untrusted, private] }
            """).GetPolicyOrThrow());
        var tools = new ToolCatalog([InProcessTool.Create("read_mail", (_, _) => ValueTask.FromResult(ToolResult.Ok("3 new mails")))]);
        var gate = GateBuilder.CreateDefault(policy, tools, time, resilience: stores).Build();
        await gate.InvokeAsync(ToolCall.Create("read_mail", "{}", "s1", new Principal("agent")), Ct);

        // Someone edits the stored row: the session's labels are dropped.
        var reopened = await _factory.ReopenAsync();
        Assert.Equal(1, await ExecuteOnFileAsync("UPDATE checkpoints SET body = CAST(replace(CAST(body AS TEXT), '\"private\",\"untrusted\"', '') AS BLOB)"));

        var restarted = GateBuilder.CreateDefault(policy, tools, time, resilience: reopened).Build();
        var recovery = await restarted.RecoverSessionAsync("s1", Ct);
        var call = await restarted.InvokeAsync(ToolCall.Create("read_mail", "{}", "s1", new Principal("agent")), Ct);

        Assert.Equal(RecoveryStatus.Corrupt, recovery.Status);
        Assert.Equal("checkpoint.corrupt", call.Decision.Rule);
        var audited = await restarted.Audit.QueryAsync(new AuditQuery { Limit = 10 }, Ct);
        Assert.Contains(audited, e => e.Rule == "checkpoint.corrupt" && e.Type == AuditEventType.Error);
    }

    [Fact]
    public async Task Opening_a_file_that_is_not_a_database_says_which_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_factory.Folder, SqliteDatabase.FileName), "this is not a database, just text that is long enough to have a header", Ct);

        var error = Assert.Throws<IOException>(() => SqliteDatabase.Open(_factory.Folder));

        Assert.Contains(SqliteDatabase.FileName, error.Message, StringComparison.Ordinal);
    }
}
