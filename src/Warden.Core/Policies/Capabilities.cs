using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Warden.Policies;

/// <summary>The capability names every policy knows.</summary>
public static partial class Capabilities
{
    /// <summary>Read documents.</summary>
    public const string DocumentsRead = "documents.read";

    /// <summary>Create and change documents.</summary>
    public const string DocumentsWrite = "documents.write";

    /// <summary>Delete documents.</summary>
    public const string DocumentsDelete = "documents.delete";

    /// <summary>Read mail.</summary>
    public const string EmailAccess = "email.access";

    /// <summary>Read the calendar.</summary>
    public const string CalendarAccess = "calendar.access";

    /// <summary>Fetch pages from the internet.</summary>
    public const string InternetBrowse = "internet.browse";

    /// <summary>Spend money.</summary>
    public const string PurchasesMake = "purchases.make";

    /// <summary>Change the system: run code, install, configure.</summary>
    public const string SystemModify = "system.modify";

    /// <summary>The eight built-in capabilities.</summary>
    public static FrozenSet<string> BuiltIn { get; } = new[]
    {
        DocumentsRead, DocumentsWrite, DocumentsDelete, EmailAccess,
        CalendarAccess, InternetBrowse, PurchasesMake, SystemModify,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> is a well-formed capability name: dotted lower-case words.</summary>
    public static bool IsWellFormed(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+$")]
    private static partial Regex NamePattern();
}
