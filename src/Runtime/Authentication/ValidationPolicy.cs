using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// What, besides the signing keys, the issuer and the clock, decides whether a token validates and which identity it
/// yields. JwtBearer clones the configured parameters for each request (copying the lists, sharing the delegates); a
/// cached result is used only under a policy equal to the one it was validated with.
/// </summary>
internal readonly record struct ValidationPolicy(
    IEnumerable<string>? Audiences,
    string? Audience,
    IEnumerable<string>? Algorithms,
    IEnumerable<string>? Types,
    TypeValidator? TypeValidator,
    LifetimeValidator? LifetimeValidator,
    TimeSpan ClockSkew,
    bool ValidateAudience,
    bool RequireAudience,
    bool ValidateIssuer,
    string? NameClaimType,
    string? RoleClaimType,
    string? AuthenticationType)
{
    public bool Equals(ValidationPolicy other) =>
        Same(Audiences, other.Audiences) && Same(Algorithms, other.Algorithms) && Same(Types, other.Types) &&
        string.Equals(Audience, other.Audience, StringComparison.Ordinal) &&
        ReferenceEquals(TypeValidator, other.TypeValidator) && ReferenceEquals(LifetimeValidator, other.LifetimeValidator) &&
        ClockSkew == other.ClockSkew && ValidateAudience == other.ValidateAudience && RequireAudience == other.RequireAudience &&
        ValidateIssuer == other.ValidateIssuer && string.Equals(NameClaimType, other.NameClaimType, StringComparison.Ordinal) &&
        string.Equals(RoleClaimType, other.RoleClaimType, StringComparison.Ordinal) &&
        string.Equals(AuthenticationType, other.AuthenticationType, StringComparison.Ordinal);

    // Never used as a dictionary key: one value is enough.
    public override int GetHashCode() => ClockSkew.GetHashCode();

    public static ValidationPolicy Of(TokenValidationParameters p) => new(
        p.ValidAudiences, p.ValidAudience, p.ValidAlgorithms, p.ValidTypes, p.TypeValidator, p.LifetimeValidator, p.ClockSkew,
        p.ValidateAudience, p.RequireAudience, p.ValidateIssuer, p.NameClaimType, p.RoleClaimType, p.AuthenticationType);

    /// <summary>
    /// False when the parameters hold something whose answer may change between two requests with nothing here
    /// changing — a custom validator or resolver, a replay cache, actor validation — or skip a check the cache relies
    /// on: such tokens are always validated afresh.
    /// </summary>
    public static bool CanCache(TokenValidationParameters p, LifetimeValidator lifetime) =>
        ReferenceEquals(p.LifetimeValidator, lifetime) &&
        p.RequireSignedTokens && p.RequireExpirationTime && p.ValidateLifetime && !p.ValidateTokenReplay && !p.ValidateActor &&
        p.TokenReplayCache is null && p.TokenReplayValidator is null &&
        p.IssuerValidator is null && p.IssuerValidatorUsingConfiguration is null &&
        p.AudienceValidator is null && p.AlgorithmValidator is null && p.SignatureValidator is null &&
        p.SignatureValidatorUsingConfiguration is null && p.IssuerSigningKeyResolver is null &&
        p.IssuerSigningKeyResolverUsingConfiguration is null && p.IssuerSigningKeyValidator is null &&
        p.IssuerSigningKeyValidatorUsingConfiguration is null && p.TokenReader is null &&
        p.TransformBeforeSignatureValidation is null && p.NameClaimTypeRetriever is null && p.RoleClaimTypeRetriever is null;

    private static bool Same(IEnumerable<string>? a, IEnumerable<string>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b, StringComparer.Ordinal));
}
