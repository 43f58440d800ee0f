// Containment tests look at the whole host (its processes, its cgroups) after each attempt: one at a time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

// The sandbox is Linux-only (bubblewrap, namespaces, seccomp).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
