namespace SecureApi;

/// <summary>Opts a <c>long</c> key into database-assigned sequential values. Without it keys are time-ordered UUIDs (v7), which cannot be guessed.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SequentialKeyAttribute : Attribute;
