using SecureApi.Inventory;

namespace SecureApi.IntegrationTests.Inventory;

/// <summary>Small inventories to compare and render: one protected owner-scoped endpoint, changed one fact at a time.</summary>
internal static class InventoryFixtures
{
    public static InventoryEndpoint Protected(string method = "GET", string route = "/notes/{id}") => new(
        method, route, "NotesApi.Get", "NotesApi", "Shop.NotesApi.Get",
        Anonymous: false,
        AuthenticationSchemes: ["Bearer", "ApiKey"],
        Roles: [["writer"]],
        Scopes: [["notes:read"]],
        ClientKinds: ["User"],
        Policies: ["Audited"],
        Stores: [new InventoryStore("Note", "owner")],
        RateLimit: new InventoryRateLimit("per-user", false),
        MaxBodyBytes: 4096,
        ExemptFromLoadShedding: false,
        AllowUnknownQuery: false,
        Parameters: [new InventoryParameter("id", "route", "Guid")],
        Validation: [new InventoryValidation("title", ["required", "maxLength 200"])],
        Response: "Note",
        ResponseMembers: ["id", "title"],
        SensitiveMembers: ["Note.flag"],
        EncryptedMembers: ["Note.secret"],
        SuppressedDiagnostics: []);

    public static InventoryResource Note() => new("Note", "Shop.Note", "notes", "id", "ownerId", null, ["flag"], ["secret"]);

    public static SecurityInventory With(params InventoryEndpoint[] endpoints) => new(1, "Shop", endpoints, [Note()]);
}
