using Warden.Resilience.Breakers;
using Warden.Stages.CircuitBreaker;

namespace Warden;

/// <summary>Adds circuit breakers to a gate.</summary>
public static class CircuitBreakerBuilderExtensions
{
    /// <summary>Adds the circuit-breaker stage over <paramref name="store"/> (in memory when null).</summary>
    public static GateBuilder AddCircuitBreakers(this GateBuilder builder, IBreakerStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStage(new CircuitBreakerStage(store ?? new InMemoryBreakerStore()));
    }
}
