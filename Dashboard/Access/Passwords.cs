using System.Security.Cryptography;

namespace AntiFraud.Dashboard.Access;

/// <summary>One-time passwords for new accounts, from the system's cryptographic random source.</summary>
public static class Passwords
{
    private const string Letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Eighteen random characters in three groups, with a capital, a small letter, a digit and a dash, as the policy asks.</summary>
    public static string NewOneTime()
    {
        while (true)
        {
            var chars = Enumerable.Range(0, 18).Select(_ => Letters[RandomNumberGenerator.GetInt32(Letters.Length)]).ToArray();
            var text = $"{new string(chars, 0, 6)}-{new string(chars, 6, 6)}-{new string(chars, 12, 6)}";
            if (text.Any(char.IsUpper) && text.Any(char.IsLower) && text.Any(char.IsDigit)) return text;
        }
    }
}
