using System.ComponentModel.DataAnnotations;

namespace SecureApi.Bench;

/// <summary>The POST body, with the rules SecureApi's generated validation checks for its own request type.</summary>
public sealed class NewBenchItem
{
    [Required, MaxLength(200)]
    public string? Name { get; set; }

    [Range(0, 1000)]
    public int Quantity { get; set; }
}
