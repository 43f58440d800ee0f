using Warden.Approvals;
using Warden.Auditing;
using Warden.Json;

namespace Warden;

/// <summary>
/// Calls held for a person. When a stage holds a call (a flow rule's <c>require-approval</c>, a tool's
/// <c>approval: always</c>) and the gate has an approval store, the call is stored as pending and
/// the agent gets its approval id; once a person approves it, the agent's identical call goes
/// through exactly once. Denials and expiries are audited.
/// </summary>
public sealed partial class Gate
{
    private const string ApprovalGrantedItem = "approval.granted";

    /// <summary>Where held calls wait, or null when holds are final (no one can approve them).</summary>
    public IApprovalStore? Approvals { get; init; }

    /// <summary>
    /// Approves or denies the held call <paramref name="id"/> as <paramref name="by"/>, and audits it
    /// (an APPROVAL event). Returns the request as decided, or the reason it could not be: it is
    /// unknown, or no longer pending (decided, used or lapsed; a lapse found here is audited too).
    /// </summary>
    public async ValueTask<(ApprovalRequest? Request, string? Problem)> DecideApprovalAsync(string id, bool approve, string by, string? note, CancellationToken cancellationToken = default)
    {
        var (store, request) = await FindApprovalAsync(id, by, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return (null, $"there is no approval '{id}'");
        }

        var now = _time.GetUtcNow();
        if (request.Status == ApprovalStatus.Pending && now >= request.ExpiresAt)
        {
            request = await ExpireAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.Status != ApprovalStatus.Pending)
        {
            return (request, $"approval '{id}' is {request.Status.ToString().ToLowerInvariant()}, not pending");
        }

        var decided = request with { Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Denied, DecidedBy = by, DecidedAt = now, Note = note };
        if (!await store.TransitionAsync(id, ApprovalStatus.Pending, decided, cancellationToken).ConfigureAwait(false))
        {
            var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            return (current, $"approval '{id}' was decided by someone else first");
        }

        var verdict = approve
            ? Decision.Allowed($"approvals.{id}", $"{by} approved the held call to '{request.Tool}'{Noted(note)}; the agent's identical call goes through once")
            : Decision.Deny($"approvals.{id}", $"{by} denied the held call to '{request.Tool}'{Noted(note)}");
        try
        {
            await AuditApprovalAsync(decided, verdict).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Not recorded, so not in force: the request waits again (unless the agent's call already used it).
            await store.TransitionAsync(id, decided.Status, request, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return (decided, null);
    }

    /// <summary>
    /// Withdraws the approval <paramref name="id"/> as <paramref name="by"/> before the agent has used it,
    /// and audits it (an APPROVAL event, deny): the agent's identical call is then denied until the
    /// approval would have lapsed. Returns the request as revoked, or the reason it could not be: it is
    /// unknown, or not approved (still pending — deny it instead —, already used, denied, lapsed or revoked).
    /// </summary>
    /// <exception cref="InvalidOperationException">The revocation is in force but could not be audited (it is not undone).</exception>
    public async ValueTask<(ApprovalRequest? Request, string? Problem)> RevokeApprovalAsync(string id, string by, string? note, CancellationToken cancellationToken = default)
    {
        var (store, request) = await FindApprovalAsync(id, by, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return (null, $"there is no approval '{id}'");
        }

        if (request.Status != ApprovalStatus.Approved)
        {
            var hint = request.Status == ApprovalStatus.Pending ? " (deny it instead)" : request.Status == ApprovalStatus.Used ? ": the call has already gone through" : string.Empty;
            return (request, $"approval '{id}' is {request.Status.ToString().ToLowerInvariant()}, not approved{hint}");
        }

        var revoked = request with { Status = ApprovalStatus.Revoked, DecidedBy = by, DecidedAt = _time.GetUtcNow(), Note = note };
        if (!await store.TransitionAsync(id, ApprovalStatus.Approved, revoked, cancellationToken).ConfigureAwait(false))
        {
            var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            return (current, $"approval '{id}' changed first ({current?.Status.ToString().ToLowerInvariant()}): the agent's call may have used it");
        }

        try
        {
            await AuditApprovalAsync(revoked, Decision.Deny($"approvals.{id}.revoked", $"{by} revoked the approval of the held call to '{request.Tool}'{Noted(note)}; the identical call is denied")).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // Unlike an approval, a revocation stays in force when it cannot be audited (undoing it would let the call through).
            throw new InvalidOperationException($"approval '{id}' is revoked (in force), but the revocation could not be audited: {e.Message}", e);
        }

        return (revoked, null);
    }

    /// <summary>The approval store and the request <paramref name="id"/> in it (null when unknown), for a decision by <paramref name="by"/>.</summary>
    private async ValueTask<(IApprovalStore Store, ApprovalRequest? Request)> FindApprovalAsync(string id, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(by);
        var store = Approvals ?? throw new InvalidOperationException("this gate has no approval store");
        return (store, await store.GetAsync(id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A hold resolved against the store; when the store (or the audit of a lapse) fails, a denial that says so.</summary>
    private async ValueTask<Decision> ResolveApprovalFailClosedAsync(GateContext context, Decision hold, CancellationToken cancellationToken)
    {
        try
        {
            return await ResolveApprovalAsync(context, hold, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Decision.Deny("approval.failed", $"the call needs a person's approval and the approval store failed ({e.GetType().Name}); it is denied (fail closed)");
        }
    }

    /// <summary>Resolves a stage's hold against the approval store: a granted approval is used (once), else the call waits.</summary>
    private async ValueTask<Decision> ResolveApprovalAsync(GateContext context, Decision hold, CancellationToken cancellationToken)
    {
        if (context.Items.ContainsKey(ApprovalGrantedItem))
        {
            return Decision.Allowed(hold.Rule, "approved earlier in this call");
        }

        var store = Approvals!;
        var call = context.Call;
        var argumentsHash = CanonicalJson.Sha256(call.Arguments);
        var key = ApprovalRequest.Key(call.Principal.AgentId, context.Session.Id, call.Tool, argumentsHash);
        var now = _time.GetUtcNow();
        var latest = await store.FindLatestAsync(key, cancellationToken).ConfigureAwait(false);
        if (latest is { Status: ApprovalStatus.Pending } && now >= latest.ExpiresAt)
        {
            latest = await ExpireAsync(latest, cancellationToken).ConfigureAwait(false);
        }

        switch (latest)
        {
            // A grant covers the hold it was asked for (the same rule), within the approval's lifetime.
            case { Status: ApprovalStatus.Approved } when latest.Rule == hold.Rule && now < latest.ExpiresAt:
                var used = latest with { Status = ApprovalStatus.Used, UsedAt = now };
                if (await store.TransitionAsync(latest.Id, ApprovalStatus.Approved, used, cancellationToken).ConfigureAwait(false))
                {
                    context.Items[ApprovalGrantedItem] = latest.Id;
                    return Decision.Allowed($"approvals.{latest.Id}", $"{latest.DecidedBy} approved this call at {latest.DecidedAt:u} (approval {latest.Id}); it goes through once");
                }

                // It changed under us: revoked by a person (the call is denied), or used by another identical call (this one waits for a new approval).
                if (await store.GetAsync(latest.Id, cancellationToken).ConfigureAwait(false) is { Status: ApprovalStatus.Revoked or ApprovalStatus.Denied } withdrawn)
                {
                    return Refused(withdrawn);
                }

                break;
            case { Status: ApprovalStatus.Pending }:
                return Decision.NeedsApproval(hold.Rule, $"{hold.Reason}; approval {latest.Id} is pending since {latest.RequestedAt:u}: retry the same call once a person approves it") with { ApprovalId = latest.Id };
            case { Status: ApprovalStatus.Denied or ApprovalStatus.Revoked } when now < latest.ExpiresAt:
                return Refused(latest);
        }

        var request = new ApprovalRequest
        {
            Id = "ap_" + Guid.CreateVersion7(now).ToString("N"),
            AgentId = call.Principal.AgentId,
            SessionId = context.Session.Id,
            Tool = call.Tool,
            ArgumentsHash = argumentsHash,
            MaskedArguments = SecretMasker.MaskToString(call.Arguments),
            Rule = hold.Rule,
            Reason = hold.Reason,
            RequestedAt = now,
            ExpiresAt = now + context.Policy.Gateway.ApprovalExpiry,
        };
        await store.AddAsync(request, cancellationToken).ConfigureAwait(false);
        return Decision.NeedsApproval(hold.Rule, $"{hold.Reason}; held as approval {request.Id} until {request.ExpiresAt:u}: retry the same call once a person approves it") with { ApprovalId = request.Id };
    }

    private async ValueTask<ApprovalRequest> ExpireAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        var expired = request with { Status = ApprovalStatus.Expired };
        if (!await Approvals!.TransitionAsync(request.Id, ApprovalStatus.Pending, expired, cancellationToken).ConfigureAwait(false))
        {
            return await Approvals.GetAsync(request.Id, cancellationToken).ConfigureAwait(false) ?? expired;
        }

        await AuditApprovalAsync(expired, Decision.Deny($"approvals.{request.Id}.expired", $"no one decided the held call to '{request.Tool}' before {request.ExpiresAt:u}; it lapsed")).ConfigureAwait(false);
        return expired;
    }

    private async ValueTask AuditApprovalAsync(ApprovalRequest request, Decision verdict)
    {
        var auditEvent = new AuditEvent
        {
            Id = NewEventId(),
            Timestamp = _time.GetUtcNow(),
            Type = AuditEventType.Approval,
            AgentId = request.AgentId,
            SessionId = request.SessionId,
            Tool = request.Tool,
            Decision = verdict.Kind,
            Stage = "approval",
            Rule = verdict.Rule,
            Reason = verdict.Reason,
        };
        if (await TryAppendAsync(auditEvent).ConfigureAwait(false) is { } failure)
        {
            throw new InvalidOperationException($"the approval decision could not be audited: {failure.Message}", failure);
        }
    }

    /// <summary>The denial of a call whose approval a person denied or revoked.</summary>
    private static Decision Refused(ApprovalRequest request) => Decision.Deny(
        $"approvals.{request.Id}",
        $"{request.DecidedBy} {(request.Status == ApprovalStatus.Revoked ? "revoked the approval of" : "denied")} this call{Noted(request.Note)}");

    private static string Noted(string? note) => string.IsNullOrWhiteSpace(note) ? string.Empty : $" (\"{note}\")";
}
