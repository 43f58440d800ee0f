using System.Text;
using System.Text.RegularExpressions;

namespace Warden.Gateway.Upstreams;

/// <summary>
/// Whether a URI is one a resource template (RFC 6570) describes, so that a resources/read of a
/// templated URI reaches the upstream that offers the template. Expressions match one path segment
/// (<c>{id}</c>) or, with <c>+</c> or <c>#</c> (reserved expansion), any text; literals match themselves.
/// </summary>
internal static class UriTemplateMatch
{
    /// <summary>True when <paramref name="uri"/> is an expansion of <paramref name="template"/>.</summary>
    public static bool Matches(string template, string uri)
    {
        var pattern = new StringBuilder("^");
        var at = 0;
        foreach (Match expression in Regex.Matches(template, @"\{([^}]*)\}"))
        {
            pattern.Append(Regex.Escape(template[at..expression.Index]));
            var body = expression.Groups[1].Value;
            pattern.Append(body.StartsWith('+') || body.StartsWith('#') ? ".*" : "[^/?#]*");
            at = expression.Index + expression.Length;
        }

        pattern.Append(Regex.Escape(template[at..])).Append('$');
        return Regex.IsMatch(uri, pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
