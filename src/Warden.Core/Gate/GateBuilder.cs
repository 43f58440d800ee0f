using Warden.Auditing;
using Warden.Policies;
using Warden.Sessions;
using Warden.Tools;

namespace Warden;

/// <summary>
/// Assembles a <see cref="Gate"/>: the stages in order, the policy source, the session and audit
/// stores, and the clock. Stages run in the order they are added.
/// </summary>
public sealed class GateBuilder
{
    private readonly List<GateStage> _stages = [];

    /// <summary>Starts a gate on <paramref name="policy"/> and <paramref name="timeProvider"/> (the system clock by default).</summary>
    public GateBuilder(IPolicySource policy, TimeProvider? timeProvider = null)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The policy source.</summary>
    public IPolicySource Policy { get; }

    /// <summary>The clock every stage and store of this gate uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The session store; in memory unless set.</summary>
    public ISessionStore? Sessions { get; set; }

    /// <summary>The audit store; in memory unless set.</summary>
    public IAuditStore? Audit { get; set; }

    /// <summary>The checkpoint store sessions are restored from after a restart; none unless set (see <c>AddCheckpoints</c>).</summary>
    public Resilience.Checkpoints.ICheckpointStore? Checkpoints { get; set; }

    /// <summary>Where held calls wait for a person; null: a hold is final (nobody can approve it).</summary>
    public Approvals.IApprovalStore? Approvals { get; set; }

    /// <summary>The stages added so far, in order.</summary>
    public IReadOnlyList<GateStage> Stages => _stages;

    /// <summary>
    /// The standard pipeline: checkpoint, circuit breakers, argument sanitation, input inspection,
    /// authorization, data flow, approval, execution over <paramref name="tools"/> (and
    /// <paramref name="sandbox"/> for tools bound to a sandbox profile) with the side-effect ledger,
    /// output inspection. <paramref name="resilience"/> holds circuit states, checkpoints and the
    /// ledger (in memory when null).
    /// </summary>
    public static GateBuilder CreateDefault(
        IPolicySource policy,
        ToolCatalog tools,
        TimeProvider? timeProvider = null,
        ISandboxedToolRunner? sandbox = null,
        Resilience.ResilienceStores? resilience = null)
    {
        resilience ??= Resilience.ResilienceStores.InMemory();
        var builder = new GateBuilder(policy, timeProvider);
        // The breaker stands before argument sanitation so that malformed calls count towards a burst of denials.
        return builder
            .AddCircuitBreakers(resilience.Breakers)
            .AddArgumentSanitation()
            .AddInputInspection()
            .AddAuthorization()
            .AddDataFlow()
            .AddApproval()
            .AddStage(new Stages.Execution.ExecutionStage(tools, builder.TimeProvider, sandbox, resilience.Ledger))
            .AddOutputInspection()
            .AddCheckpoints(resilience.Checkpoints)
            .WithApprovals(resilience.Approvals);
    }

    /// <summary>Sets where held calls wait for a person.</summary>
    public GateBuilder WithApprovals(Approvals.IApprovalStore? approvals)
    {
        Approvals = approvals;
        return this;
    }

    /// <summary>Appends a stage.</summary>
    /// <exception cref="ArgumentException">A stage with the same name is already there.</exception>
    public GateBuilder AddStage(GateStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return InsertStage(_stages.Count, stage);
    }

    /// <summary>Inserts a stage just before the stage named <paramref name="before"/>.</summary>
    /// <exception cref="ArgumentException">No stage has that name, or the new stage's name is taken.</exception>
    public GateBuilder AddStageBefore(string before, GateStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var index = _stages.FindIndex(s => s.Name == before);
        return index < 0 ? throw new ArgumentException($"The gate has no stage named '{before}'.", nameof(before)) : InsertStage(index, stage);
    }

    /// <summary>Builds the gate.</summary>
    /// <exception cref="InvalidOperationException">No stage was added.</exception>
    public Gate Build()
    {
        if (_stages.Count == 0)
        {
            throw new InvalidOperationException("A gate needs at least one stage; start from GateBuilder.CreateDefault.");
        }

        return new Gate(
            _stages.ToArray(),
            Policy,
            Sessions ?? new InMemorySessionStore(TimeProvider),
            Audit ?? new InMemoryAuditStore(),
            TimeProvider,
            Checkpoints)
        {
            Approvals = Approvals,
        };
    }

    private GateBuilder InsertStage(int index, GateStage stage)
    {
        if (_stages.Any(s => s.Name == stage.Name))
        {
            throw new ArgumentException($"The gate already has a stage named '{stage.Name}'.", nameof(stage));
        }

        _stages.Insert(index, stage);
        return this;
    }
}
