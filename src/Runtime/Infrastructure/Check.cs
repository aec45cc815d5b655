using System.ComponentModel;
using System.Text.RegularExpressions;

namespace SecureApi.Infrastructure;

/// <summary>
/// The validation rules the generated validators call, one method a rule. Each adds a message under <c>key</c>
/// and returns whether the value passed, so generated code stays a flat list of calls.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Check
{
    public static bool Required(object? value, ref ValidationErrors? errors, string key)
    {
        if (value is null || value is string { Length: 0 })
        {
            ValidationErrors.Add(ref errors, key, "The field is required.");
            return false;
        }

        return true;
    }

    /// <summary>U+0000 has no place in text, and PostgreSQL cannot store it: refused on every engine alike.</summary>
    public static bool NoNul(string? value, ref ValidationErrors? errors, string key)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            ValidationErrors.Add(ref errors, key, "The field must not contain the NUL character (U+0000).");
            return false;
        }

        return true;
    }

    public static bool MinLength(string? value, int min, ref ValidationErrors? errors, string key)
    {
        if (value is not null && value.Length < min)
        {
            ValidationErrors.Add(ref errors, key, $"The field must be at least {min} characters long.");
            return false;
        }

        return true;
    }

    public static bool MaxLength(string? value, int max, ref ValidationErrors? errors, string key)
    {
        if (value is not null && value.Length > max)
        {
            ValidationErrors.Add(ref errors, key, $"The field must be at most {max} characters long.");
            return false;
        }

        return true;
    }

    public static bool MinCount<T>(IReadOnlyCollection<T>? value, int min, ref ValidationErrors? errors, string key)
    {
        if (value is not null && value.Count < min)
        {
            ValidationErrors.Add(ref errors, key, $"The field must have at least {min} items.");
            return false;
        }

        return true;
    }

    public static bool MaxCount<T>(IReadOnlyCollection<T>? value, int max, ref ValidationErrors? errors, string key)
    {
        if (value is not null && value.Count > max)
        {
            ValidationErrors.Add(ref errors, key, $"The field must have at most {max} items.");
            return false;
        }

        return true;
    }

    public static bool Range<T>(T value, T min, T max, ref ValidationErrors? errors, string key)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            ValidationErrors.Add(ref errors, key, $"The field must be between {min} and {max}.");
            return false;
        }

        return true;
    }

    public static bool Pattern(string? value, Regex regex, ref ValidationErrors? errors, string key)
    {
        if (value is null)
        {
            return true;
        }

        bool matched;
        try
        {
            matched = regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            matched = false; // a pattern that cannot decide in time rejects; it never becomes a 500
        }

        if (!matched)
        {
            ValidationErrors.Add(ref errors, key, "The field does not have the required format.");
        }

        return matched;
    }

    /// <summary>The same lenient shape test as <c>EmailAddressAttribute</c>: one '@' that is neither first nor last.</summary>
    public static bool Email(string? value, ref ValidationErrors? errors, string key)
    {
        if (value is null)
        {
            return true;
        }

        var at = value.IndexOf('@');
        var valid = at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.AsSpan().ContainsAny('\r', '\n');
        if (!valid)
        {
            ValidationErrors.Add(ref errors, key, "The field is not a valid e-mail address.");
        }

        return valid;
    }

    public static bool DefinedEnum<T>(T value, ref ValidationErrors? errors, string key)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            ValidationErrors.Add(ref errors, key, "The field has a value that is not defined.");
            return false;
        }

        return true;
    }

    /// <summary>Reports a value outside an <c>[AllowedValues]</c> list; the generated code does the comparison.</summary>
    public static bool NotAllowed(ref ValidationErrors? errors, string key)
    {
        ValidationErrors.Add(ref errors, key, "The field does not equal any of the allowed values.");
        return false;
    }

    /// <summary>Reports a value inside a <c>[DeniedValues]</c> list; the generated code does the comparison.</summary>
    public static bool Denied(ref ValidationErrors? errors, string key)
    {
        ValidationErrors.Add(ref errors, key, "The field equals one of the denied values.");
        return false;
    }
}
