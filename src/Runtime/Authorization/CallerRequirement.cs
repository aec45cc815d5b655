using Microsoft.AspNetCore.Authorization;

namespace SecureApi.Authorization;

/// <summary>
/// What an endpoint's declarations require of its <see cref="Caller"/>: a valid caller always, one role of every role
/// set, one scope of every scope set, and one of the client kinds (none listed: any kind). Evaluated by
/// <see cref="CallerRequirementHandler"/> against <see cref="Caller"/>, so every scheme's claims count the same way.
/// </summary>
internal sealed class CallerRequirement(string[][] roleSets, string[][] scopeSets, ClientKind[] clientKinds) : IAuthorizationRequirement
{
    public string[][] RoleSets { get; } = roleSets;

    public string[][] ScopeSets { get; } = scopeSets;

    public ClientKind[] ClientKinds { get; } = clientKinds;

    public bool IsMetBy(Caller caller)
    {
        foreach (var roles in RoleSets)
        {
            if (!Array.Exists(roles, caller.IsInRole))
            {
                return false;
            }
        }

        foreach (var scopes in ScopeSets)
        {
            if (!Array.Exists(scopes, caller.HasScope))
            {
                return false;
            }
        }

        return ClientKinds.Length == 0 || Array.IndexOf(ClientKinds, caller.ClientKind) >= 0;
    }
}
