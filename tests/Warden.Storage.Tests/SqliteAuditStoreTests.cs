using Microsoft.Data.Sqlite;
using Warden.Auditing;
using Warden.Storage.Sqlite;

namespace Warden.Storage.Tests;

public sealed class SqliteAuditStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-audit-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Concurrent_writers_share_commits_and_the_chain_verifies_across_a_reopen()
    {
        await using (var store = SqliteAuditStore.Open(_folder))
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < 50; i++)
                {
                    await store.AppendAsync(Event($"w{writer}-{i}", agent: $"agent-{writer % 4}"), Ct);
                }
            }, Ct)));
        }

        await using (var reopened = SqliteAuditStore.Open(_folder))
        {
            await reopened.AppendAsync(Event("after-reopen"), Ct);
        }

        var verification = AuditVerifier.Verify(_folder);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(801, verification.Events);
    }

    [Fact]
    public async Task An_event_the_log_refuses_fails_its_own_caller_only_and_the_others_of_its_commit_are_kept()
    {
        var refused = new List<string>();
        await using (var store = SqliteAuditStore.Open(_folder))
        {
            await store.AppendAsync(Event("taken"), Ct);
            // 16 writers at once, so that commits hold many events; one of them reuses an id.
            await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    var id = writer == 5 && i == 10 ? "taken" : $"w{writer}-{i}";
                    try
                    {
                        await store.AppendAsync(Event(id), Ct);
                    }
                    catch (SqliteException e)
                    {
                        Assert.Contains("UNIQUE", e.Message, StringComparison.Ordinal);
                        lock (refused)
                        {
                            refused.Add(id);
                        }
                    }
                }
            }, Ct)));
            await store.AppendAsync(Event("after"), Ct);
            Assert.Equal(321, (await store.QueryAsync(new AuditQuery { Limit = 1000 }, Ct)).Count);
        }

        Assert.Equal(["taken"], refused);
        var verification = AuditVerifier.Verify(_folder);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(321, verification.Events);
    }

    [Fact]
    public async Task Queries_filter_by_agent_session_type_and_time_newest_first_with_a_limit_and_read_events_back_whole()
    {
        await using var store = SqliteAuditStore.Open(_folder);
        await store.AppendAsync(Event("1", agent: "a", at: T0) with { MaskedArguments = """{"to":"x@example.com","password":"***"}"""u8.ToArray() }, Ct);
        await store.AppendAsync(Event("2", agent: "b", at: T0.AddMinutes(1)), Ct);
        await store.AppendAsync(Event("3", agent: "a", at: T0.AddMinutes(2)) with { Type = AuditEventType.SecurityViolation, Decision = DecisionKind.Deny }, Ct);

        var ofA = await store.QueryAsync(new AuditQuery { AgentId = "a" }, Ct);
        var violations = await store.QueryAsync(new AuditQuery { Type = AuditEventType.SecurityViolation }, Ct);
        var window = await store.QueryAsync(new AuditQuery { Since = T0.AddSeconds(30), Until = T0.AddMinutes(2) }, Ct);
        var newest = await store.QueryAsync(new AuditQuery { Limit = 1 }, Ct);

        Assert.Equal(["3", "1"], ofA.Select(e => e.Id));
        Assert.Equal("3", Assert.Single(violations).Id);
        Assert.Equal("2", Assert.Single(window).Id);
        Assert.Equal("3", Assert.Single(newest).Id);
        var first = ofA[1];
        Assert.Equal(("a", "s1", "read_mail", DecisionKind.Allow, T0), (first.AgentId, first.SessionId, first.Tool, first.Decision, first.Timestamp));
        Assert.Equal("***", first.Arguments!.Value.GetProperty("password").GetString());
    }

    [Theory]
    [InlineData("edit", "UPDATE audit SET body = CAST(replace(CAST(body AS TEXT), 'allowed', 'denied!') AS BLOB) WHERE seq = 3", 3L, "edited")]
    [InlineData("remove", "DELETE FROM audit WHERE seq = 3", 4L, "missing")]
    [InlineData("insert", "UPDATE audit SET seq = seq + 100 WHERE seq >= 3; UPDATE audit SET seq = seq - 99 WHERE seq >= 103; INSERT INTO audit (seq, id, ts, agent, session, type, decision, body, prev_hash, hash) SELECT 3, 'forged', ts, agent, session, type, decision, body, prev_hash, hash FROM audit WHERE seq = 2", 3L, "does not follow")]
    [InlineData("reorder", "UPDATE audit SET seq = -3 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4; UPDATE audit SET seq = 4 WHERE seq = -3", 3L, "does not follow")]
    public async Task Verify_names_the_first_event_that_was_edited_removed_inserted_or_reordered(string what, string sql, long firstBad, string fragment)
    {
        await using (var store = SqliteAuditStore.Open(_folder))
        {
            for (var i = 1; i <= 5; i++)
            {
                await store.AppendAsync(Event($"e{i}"), Ct);
            }
        }

        Assert.True(AuditVerifier.Verify(_folder).Intact);
        await using (var tamper = new SqliteConnection($"Data Source={Path.Combine(_folder, SqliteAuditStore.FileName)};Pooling=False"))
        {
            await tamper.OpenAsync(Ct);
            await using var command = tamper.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(Ct);
        }

        var verification = AuditVerifier.Verify(_folder);

        Assert.False(verification.Intact, what);
        Assert.Equal(firstBad, verification.FirstBad);
        Assert.Contains(fragment, verification.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cut", "DELETE FROM audit WHERE seq >= 4", "its tail was cut")]
    [InlineData("heads removed", "DELETE FROM heads", "no signed head")]
    [InlineData("signature forged", "UPDATE heads SET signature = zeroblob(64)", "does not verify with the public key")]
    public async Task Signed_heads_show_a_cut_tail_and_removed_or_forged_heads(string what, string sql, string fragment)
    {
        await AppendFiveAsync();
        Assert.True(AuditVerifier.Verify(_folder).Intact);
        await ExecuteAsync(sql);

        var verification = AuditVerifier.Verify(_folder);

        Assert.False(verification.Intact, what);
        Assert.Contains(fragment, verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stretch_rewritten_with_its_hashes_recomputed_no_longer_matches_the_signed_head()
    {
        await AppendFiveAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, SqliteAuditStore.FileName)};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            var previous = AuditChain.Genesis;
            for (var seq = 1; seq <= 5; seq++)
            {
                await using var read = connection.CreateCommand();
                read.CommandText = $"SELECT body FROM audit WHERE seq = {seq}";
                var body = (byte[])(await read.ExecuteScalarAsync(Ct))!;
                if (seq == 3)
                {
                    body = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("allowed by the role", "denied by the role", StringComparison.Ordinal));
                }

                var hash = AuditChain.Link(previous, body);
                await using var write = connection.CreateCommand();
                write.CommandText = "UPDATE audit SET body = $body, prev_hash = $prev, hash = $hash WHERE seq = $seq";
                write.Parameters.AddWithValue("$body", body);
                write.Parameters.AddWithValue("$prev", previous);
                write.Parameters.AddWithValue("$hash", hash);
                write.Parameters.AddWithValue("$seq", seq);
                await write.ExecuteNonQueryAsync(Ct);
                previous = hash;
            }
        }

        var verification = AuditVerifier.Verify(_folder);

        Assert.False(verification.Intact);
        Assert.Equal(5, verification.FirstBad);
        Assert.Contains("the events up to it were rewritten", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signing_key_is_readable_by_its_owner_only_and_survives_a_reopen()
    {
        await AppendFiveAsync();
        await AppendFiveAsync();

        var key = Path.Combine(_folder, AuditSigningKey.PrivateFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        var verification = AuditVerifier.Verify(_folder);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal((10L, 0L), (verification.Events, verification.Unsigned));
        Assert.True(verification.SignedHeads >= 2);
    }

    private async Task AppendFiveAsync()
    {
        await using var store = SqliteAuditStore.Open(_folder);
        for (var i = 1; i <= 5; i++)
        {
            await store.AppendAsync(Event($"e{Guid.NewGuid():N}"), Ct);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, SqliteAuditStore.FileName)};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task Queries_filter_by_decision_and_tool_page_with_a_cursor_and_export_oldest_first()
    {
        await using var store = SqliteAuditStore.Open(_folder);
        for (var i = 1; i <= 7; i++)
        {
            await store.AppendAsync(Event($"e{i}") with { Decision = i % 2 == 0 ? DecisionKind.Deny : DecisionKind.Allow, Tool = i <= 3 ? "send_email" : "read_mail" }, Ct);
        }

        var denials = await store.QueryAsync(new AuditQuery { Decision = DecisionKind.Deny }, Ct);
        var mails = await store.QueryAsync(new AuditQuery { Tool = "send_email" }, Ct);
        var first = await store.QueryAsync(new AuditQuery { Limit = 3 }, Ct);
        var second = await store.QueryAsync(new AuditQuery { Limit = 3, BeforeId = first[^1].Id }, Ct);
        var exported = new List<string>();
        await foreach (var e in store.ExportAsync(new AuditQuery(), Ct))
        {
            exported.Add(e.Id);
        }

        Assert.Equal(["e6", "e4", "e2"], denials.Select(e => e.Id));
        Assert.Equal(["e3", "e2", "e1"], mails.Select(e => e.Id));
        Assert.Equal(["e7", "e6", "e5"], first.Select(e => e.Id));
        Assert.Equal(["e4", "e3", "e2"], second.Select(e => e.Id));
        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "e6", "e7"], exported);
    }

    [Fact]
    public async Task Queries_by_agent_and_session_see_indexed_events_and_the_tail_not_indexed_yet_as_one_list()
    {
        await using (var store = SqliteAuditStore.Open(_folder))
        {
            for (var i = 1; i <= 6; i++)
            {
                await store.AppendAsync(Event($"old{i}", agent: i % 2 == 0 ? "a" : "b"), Ct);
            }
        }

        // Closing indexed those six; the next four stay in the tail until the writer indexes again.
        await using var reopened = SqliteAuditStore.Open(_folder, indexWhenIdleAfter: TimeSpan.MaxValue);
        for (var i = 1; i <= 4; i++)
        {
            await reopened.AppendAsync(Event($"new{i}", agent: i % 2 == 0 ? "a" : "b") with { SessionId = i <= 2 ? "s1" : "s2" }, Ct);
        }

        Assert.Equal(6, reopened.IndexedThrough());

        var ofA = await reopened.QueryAsync(new AuditQuery { AgentId = "a" }, Ct);
        var page1 = await reopened.QueryAsync(new AuditQuery { AgentId = "a", Limit = 2 }, Ct);
        var page2 = await reopened.QueryAsync(new AuditQuery { AgentId = "a", Limit = 2, BeforeId = page1[^1].Id }, Ct);
        var page3 = await reopened.QueryAsync(new AuditQuery { AgentId = "a", Limit = 2, BeforeId = page2[^1].Id }, Ct);
        var s1OfB = await reopened.QueryAsync(new AuditQuery { AgentId = "b", SessionId = "s1" }, Ct);

        Assert.Equal(["new4", "new2", "old6", "old4", "old2"], ofA.Select(e => e.Id));
        Assert.Equal(["new4", "new2"], page1.Select(e => e.Id));
        Assert.Equal(["old6", "old4"], page2.Select(e => e.Id));
        Assert.Equal(["old2"], page3.Select(e => e.Id));
        Assert.Equal(["new1", "old5", "old3", "old1"], s1OfB.Select(e => e.Id));
    }

    [Fact]
    public async Task An_anomaly_detector_started_on_the_log_keeps_the_agents_history_across_a_restart()
    {
        await using (var store = SqliteAuditStore.Open(_folder))
        {
            for (var i = 0; i < 4; i++)
            {
                await store.AppendAsync(Event($"fail{i}", at: T0.AddSeconds(i)) with { Type = AuditEventType.Error, ToolStatus = Tools.ToolStatus.Failed }, Ct);
            }

            await store.AppendAsync(Event("old", at: T0.AddDays(-30)), Ct);
        }

        await using var reopened = SqliteAuditStore.Open(_folder);
        var detector = new Auditing.Anomalies.AnomalyDetector(Auditing.Anomalies.AnomalySettings.Default);
        var learned = await AnomalyHistory.LearnAsync(detector, reopened, T0.AddDays(-7), Ct);

        Assert.Equal(4, learned);
        var anomaly = Assert.Single(detector.Observe(Event("fail4", at: T0.AddSeconds(10)) with { Type = AuditEventType.Error }));
        Assert.Equal("anomaly.failures", anomaly.Rule);
    }

    [Fact]
    public async Task A_secret_in_an_events_reason_is_masked_before_it_is_hashed_and_stored()
    {
        const string key = "AKIAIOSFODNN7EXAMPLE";
        await using (var store = SqliteAuditStore.Open(_folder, new SqliteAuditStoreOptions { DigestMaskedValues = true }))
        {
            await store.AppendAsync(Event("with-secret") with { Reason = $"the tool answered with {key} in its error" }, Ct);
            var stored = Assert.Single(await store.QueryAsync(new AuditQuery(), Ct));
            Assert.Equal($"the tool answered with {store.Digest!.Of(key)} in its error", stored.Reason);
            Assert.StartsWith("the tool answered with ***hmac:", stored.Reason, StringComparison.Ordinal);
        }

        // The digest key stays in the folder, owner-only, and gives the same digest after a reopen.
        var keyFile = Path.Combine(_folder, AuditDigestKey.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        await using (var reopened = SqliteAuditStore.Open(_folder, new SqliteAuditStoreOptions { DigestKeyFile = keyFile }))
        {
            var stored = Assert.Single(await reopened.QueryAsync(new AuditQuery(), Ct));
            Assert.Contains(reopened.Digest!.Of(key), stored.Reason, StringComparison.Ordinal);
        }

        // Off by default: plain masks, and the evidence is masked too.
        await using (var plain = SqliteAuditStore.Open(_folder))
        {
            Assert.Null(plain.Digest);
            var evidence = System.Text.Json.JsonSerializer.SerializeToElement(new { token = "abc", note = $"saw {key}" });
            await plain.AppendAsync(Event("without-digest") with { Reason = $"again {key}", Evidence = evidence }, Ct);
            var stored = (await plain.QueryAsync(new AuditQuery { Limit = 1 }, Ct))[0];
            Assert.Equal("again ***", stored.Reason);
            Assert.Equal("""{"note":"saw ***","token":"***"}""", stored.Evidence!.Value.GetRawText());
        }

        foreach (var file in Directory.GetFiles(_folder, SqliteAuditStore.FileName + "*"))
        {
            // The database and its write-ahead log, whichever holds the event now.
            var text = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, Ct));
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.Contains("with-secret", text + (file.EndsWith(".db", StringComparison.Ordinal) ? string.Empty : "with-secret"), StringComparison.Ordinal);
        }
        Assert.True(AuditVerifier.Verify(_folder).Intact);
    }

    [Fact]
    public void Verifying_a_folder_without_a_log_says_so()
    {
        var error = Assert.Throws<FileNotFoundException>(() => AuditVerifier.Verify(_folder));
        Assert.Contains("there is no audit log", error.Message, StringComparison.Ordinal);
    }

    private static AuditEvent Event(string id, string agent = "a", DateTimeOffset? at = null) => new()
    {
        Id = id,
        Timestamp = at ?? T0,
        Type = AuditEventType.ToolCall,
        AgentId = agent,
        SessionId = "s1",
        Tool = "read_mail",
        Decision = DecisionKind.Allow,
        Stage = null,
        Rule = "roles.READER",
        Reason = "allowed by the role",
    };
}
