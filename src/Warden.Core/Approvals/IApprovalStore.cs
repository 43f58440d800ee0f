namespace Warden.Approvals;

/// <summary>Where held calls wait for a person. Every change is a compare-and-set on the status, so a decision and a use happen once.</summary>
public interface IApprovalStore
{
    /// <summary>Adds a pending request.</summary>
    ValueTask AddAsync(ApprovalRequest request, CancellationToken cancellationToken = default);

    /// <summary>The request with <paramref name="id"/>, or null.</summary>
    ValueTask<ApprovalRequest?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The newest request for the call with <paramref name="callKey"/> (see <see cref="ApprovalRequest.Key"/>), or null.</summary>
    ValueTask<ApprovalRequest?> FindLatestAsync(string callKey, CancellationToken cancellationToken = default);

    /// <summary>Requests in <paramref name="status"/> (all when null), newest first, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the request from <paramref name="from"/> to <paramref name="changed"/>'s status (with its
    /// decision or use fields); false when it was no longer in <paramref name="from"/> (someone else
    /// decided or used it first).
    /// </summary>
    ValueTask<bool> TransitionAsync(string id, ApprovalStatus from, ApprovalRequest changed, CancellationToken cancellationToken = default);
}
