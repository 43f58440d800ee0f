namespace Warden.Approvals;

/// <summary>Approvals in this process's memory.</summary>
public sealed class InMemoryApprovalStore : IApprovalStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, ApprovalRequest> _byId = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <inheritdoc />
    public ValueTask AddAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_sync)
        {
            if (!_byId.TryAdd(request.Id, request))
            {
                throw new InvalidOperationException($"approval '{request.Id}' exists");
            }

            _order.Add(request.Id);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ApprovalRequest?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(_byId.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<ApprovalRequest?> FindLatestAsync(string callKey, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            for (var i = _order.Count - 1; i >= 0; i--)
            {
                var request = _byId[_order[i]];
                if (request.CallKey == callKey)
                {
                    return ValueTask.FromResult<ApprovalRequest?>(request);
                }
            }

            return ValueTask.FromResult<ApprovalRequest?>(null);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            IReadOnlyList<ApprovalRequest> list = Enumerable.Reverse(_order).Select(id => _byId[id]).Where(r => status is null || r.Status == status).Take(Math.Max(0, limit)).ToList();
            return ValueTask.FromResult(list);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TransitionAsync(string id, ApprovalStatus from, ApprovalRequest changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_sync)
        {
            if (!_byId.TryGetValue(id, out var current) || current.Status != from)
            {
                return ValueTask.FromResult(false);
            }

            _byId[id] = changed with { Id = id };
            return ValueTask.FromResult(true);
        }
    }
}
