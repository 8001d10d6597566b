using System.Buffers;

namespace CitizenServices.Domain.Identity;

/// <summary>Masks valid national identity numbers found in free text (log messages, exception texts).</summary>
/// <remarks>
/// A candidate is a run of exactly eleven digits with no digit directly before or after it, or the common written
/// form of six digits, one space and five digits. Only candidates that pass the full validation are masked, so
/// order numbers, phone numbers and other digit runs stay readable. A linear scan, not a regular expression:
/// the redactor runs on every log line and must not have backtracking cost or allocate when nothing matches.
/// </remarks>
public static class NationalIdentityNumberRedaction
{
    private const int HiddenDigitCount = NationalIdentityNumber.DigitCount - NationalIdentityNumber.VisibleDigitCount;

    // SearchValues rather than IndexOfAnyInRange: the range overloads were measured allocating on every call
    // here, and this runs on every log line (the no-allocation test guards it).
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary>Returns <paramref name="text"/> itself when it holds no valid number, otherwise a masked copy.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstMask = NextMaskStart(text, 0);
        if (firstMask < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, firstMask), static (buffer, state) =>
        {
            state.text.AsSpan().CopyTo(buffer);
            var maskStart = state.firstMask;
            while (maskStart >= 0)
            {
                buffer.Slice(maskStart, HiddenDigitCount).Fill('*');
                maskStart = NextMaskStart(buffer, maskStart + HiddenDigitCount);
            }
        });
    }

    /// <summary>True when <paramref name="text"/> holds at least one valid number that <see cref="Redact"/> would mask.</summary>
    public static bool ContainsNumber(ReadOnlySpan<char> text) => NextMaskStart(text, 0) >= 0;

    // Returns where the five hidden digits of the next valid number start, or -1. `from` is always 0 or the
    // index right after a digit run, so a run found here has no digit before it.
    private static int NextMaskStart(ReadOnlySpan<char> text, int from)
    {
        var position = from;
        while (position < text.Length)
        {
            var offset = text[position..].IndexOfAny(Digits);
            if (offset < 0)
            {
                return -1;
            }

            var runStart = position + offset;
            var runLength = DigitRunLength(text, runStart);
            if (runLength == NationalIdentityNumber.DigitCount && NationalIdentityNumber.IsValid(text.Slice(runStart, runLength)))
            {
                return runStart + NationalIdentityNumber.VisibleDigitCount;
            }

            if (runLength == NationalIdentityNumber.VisibleDigitCount && IsSpacedNumber(text, runStart))
            {
                return runStart + NationalIdentityNumber.VisibleDigitCount + 1;
            }

            position = runStart + runLength;
        }

        return -1;
    }

    private static bool IsSpacedNumber(ReadOnlySpan<char> text, int runStart)
    {
        var spaceAt = runStart + NationalIdentityNumber.VisibleDigitCount;
        var restStart = spaceAt + 1;
        if (restStart >= text.Length || text[spaceAt] != ' ' || DigitRunLength(text, restStart) != HiddenDigitCount)
        {
            return false;
        }

        Span<char> joined = stackalloc char[NationalIdentityNumber.DigitCount];
        text.Slice(runStart, NationalIdentityNumber.VisibleDigitCount).CopyTo(joined);
        text.Slice(restStart, HiddenDigitCount).CopyTo(joined[NationalIdentityNumber.VisibleDigitCount..]);
        return NationalIdentityNumber.IsValid(joined);
    }

    private static int DigitRunLength(ReadOnlySpan<char> text, int start)
    {
        var length = text[start..].IndexOfAnyExcept(Digits);
        return length < 0 ? text.Length - start : length;
    }
}
