using Microsoft.Extensions.Logging;
using Warden.Auditing;
using Warden.Policies;

namespace Warden.Gateway;

/// <summary>
/// The policy file, watched: a valid change takes effect without a restart and is audited as a
/// POLICY_CHANGE (allow); an invalid one is rejected — the running policy stays — and the errors are
/// logged and audited (POLICY_CHANGE, deny). Changes are read after a short quiet period, so an editor's
/// several writes make one reload. Upstreams are connected at start: a changed <c>upstreams:</c> block
/// takes effect at the next restart (the audit event says so).
/// </summary>
internal sealed class WatchedPolicySource : IPolicySource, IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly Lock _timerSync = new();
    private ITimer? _pending;
    private volatile Policy _current;
    private string _text;

    public WatchedPolicySource(string path, Policy initial, string text, TimeProvider time)
    {
        _path = path;
        _current = initial;
        _text = text;
        _time = time;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
    }

    /// <inheritdoc />
    public Policy Current => _current;

    /// <summary>Where reloads are logged; set once logging is up.</summary>
    public ILogger Log { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Where reloads are audited; set once the audit store is open.</summary>
    public IAuditStore? Audit { get; set; }

    /// <summary>Called with the new policy after a valid change (to update the parts that copy settings).</summary>
    public Action<Policy>? Changed { get; set; }

    /// <summary>Reads the file now; returns whether a changed, valid policy was put in force.</summary>
    public async Task<bool> ReloadAsync()
    {
        await _reloading.WaitAsync().ConfigureAwait(false);
        try
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(_path).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await RecordAsync(DecisionKind.Deny, "policy.unreadable", $"the policy file '{_path}' could not be read ({e.Message}); the running policy stays").ConfigureAwait(false);
                return false;
            }

            if (text == _text)
            {
                return false;
            }

            var loaded = PolicyLoader.Load(text, _path);
            if (loaded.Policy is not { } policy)
            {
                var errors = string.Join("; ", loaded.Errors.Select(e => e.Format(Path.GetFileName(_path))));
                await RecordAsync(DecisionKind.Deny, "policy.invalid", $"the changed policy file was rejected, the running policy stays: {errors}").ConfigureAwait(false);
                return false;
            }

            var upstreamsChanged = !policy.Upstreams.Keys.Order(StringComparer.Ordinal).SequenceEqual(_current.Upstreams.Keys.Order(StringComparer.Ordinal))
                || policy.Upstreams.Any(u => !_current.Upstreams.TryGetValue(u.Key, out var before) || !Equivalent(before, u.Value));
            _current = policy;
            _text = text;
            Changed?.Invoke(policy);
            await RecordAsync(DecisionKind.Allow, "policy.reloaded", $"the policy file changed and is in force ({policy.Mode.ToString().ToLowerInvariant()} mode; {policy.Tools.Count} tools, {policy.Agents.Count} agents, {policy.Flows.Count} flow rules){(upstreamsChanged ? "; its upstreams changed and take effect at the next restart" : string.Empty)}").ConfigureAwait(false);
            return true;
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher.Dispose();
        lock (_timerSync)
        {
            _pending?.Dispose();
        }

        _reloading.Dispose();
    }

    private static bool Equivalent(Upstream a, Upstream b) =>
        a.Url == b.Url && a.Workspace == b.Workspace && Equals(a.Sandbox, b.Sandbox)
        && (a.Command ?? []).SequenceEqual(b.Command ?? []);

    /// <summary>Reloads once the file has been quiet for a moment.</summary>
    private void Schedule()
    {
        lock (_timerSync)
        {
            _pending?.Dispose();
            _pending = _time.CreateTimer(_ => _ = ReloadInBackgroundAsync(), null, Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ReloadInBackgroundAsync()
    {
        try
        {
            await ReloadAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.LogError(e, "reloading the policy failed; the running policy stays");
        }
    }

    private async Task RecordAsync(DecisionKind decision, string rule, string reason)
    {
        if (decision == DecisionKind.Allow)
        {
            Log.LogInformation("{Reason}", reason);
        }
        else
        {
            Log.LogError("{Reason}", reason);
        }

        if (Audit is { } audit)
        {
            await audit.AppendAsync(new AuditEvent
            {
                Id = Guid.CreateVersion7(_time.GetUtcNow()).ToString("N"),
                Timestamp = _time.GetUtcNow(),
                Type = AuditEventType.PolicyChange,
                AgentId = string.Empty,
                SessionId = string.Empty,
                Decision = decision,
                Stage = "policy",
                Rule = rule,
                Reason = reason,
            }).ConfigureAwait(false);
        }
    }
}
