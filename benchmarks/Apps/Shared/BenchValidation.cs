namespace SecureApi.Bench;

/// <summary>The hand-written check of <see cref="NewBenchItem"/>'s rules: every error at once, keyed by JSON name.</summary>
public static class BenchValidation
{
    public static Dictionary<string, string[]>? Validate(NewBenchItem body)
    {
        Dictionary<string, string[]>? errors = null;
        if (string.IsNullOrEmpty(body.Name))
        {
            (errors ??= [])["name"] = ["The name field is required."];
        }
        else if (body.Name.Length > 200)
        {
            (errors ??= [])["name"] = ["The field name must be a string with a maximum length of 200."];
        }
        if (body.Quantity is < 0 or > 1000)
        {
            (errors ??= [])["quantity"] = ["The field quantity must be between 0 and 1000."];
        }
        return errors;
    }
}
