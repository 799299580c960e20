using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Herald.Client.Verification;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Client.Tests.Verification;

/// <summary>The verifier against tokens made by an independent JWT library (System.IdentityModel.Tokens.Jwt), not by Herald.</summary>
public sealed class SignatureVerifierIndependentTokenTests
{
    private const string Key = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";
    private const string NextKey = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";
    private const string Url = "https://api.example.com/hooks?x=1";
    private static readonly byte[] Body = "{\"order\":1042}"u8.ToArray();
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_796_400_000);

    private readonly SignatureVerifier _verifier = new(Key, NextKey, new FakeTimeProvider(Now), TimeSpan.Zero);

    [Fact]
    public void Verify_Hs256TokenFromAnotherLibrary_IsValid()
    {
        var token = Token(SecurityAlgorithms.HmacSha256, Key);

        var result = _verifier.Verify(token, Body, Url);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(0, result.KeyIndex);
        Assert.Equal(Url, result.Subject);
        Assert.Equal("jwt_independent", result.Id);
        Assert.Equal(Now, result.IssuedAt);
        Assert.Equal(Now.AddMinutes(5), result.ExpiresAt);
    }

    [Fact]
    public void Verify_TokenSignedWithTheNextKey_IsValidWithKeyIndexOne()
    {
        var result = _verifier.Verify(Token(SecurityAlgorithms.HmacSha256, NextKey), Body, Url);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(1, result.KeyIndex);
    }

    [Fact]
    public void Verify_Hs512Token_FailsWithUnsupportedAlgorithm()
    {
        var result = _verifier.Verify(Token(SecurityAlgorithms.HmacSha512, Key), Body, Url);

        Assert.Equal(SignatureFailure.UnsupportedAlgorithm, result.Failure);
        Assert.Contains("HS512", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnsignedAlgNoneToken_FailsWithUnsupportedAlgorithm()
    {
        var header = new JwtHeader { ["alg"] = "none", ["typ"] = "JWT" };
        var unsigned = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(header, Payload()));
        Assert.EndsWith(".", unsigned, StringComparison.Ordinal);
        Assert.Contains("\"alg\":\"none\"", Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(unsigned.Split('.')[0])), StringComparison.Ordinal);

        var result = _verifier.Verify(unsigned, Body, Url);

        Assert.Equal(SignatureFailure.UnsupportedAlgorithm, result.Failure);
    }

    [Fact]
    public void Verify_AlgNoneHeaderWithAValidHs256Signature_FailsWithUnsupportedAlgorithm()
    {
        // A forged header claiming "none", glued to a real HS256 signature of the original header and payload.
        var parts = Token(SecurityAlgorithms.HmacSha256, Key).Split('.');
        var forged = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2];

        Assert.Equal(SignatureFailure.UnsupportedAlgorithm, _verifier.Verify(forged, Body, Url).Failure);
    }

    [Fact]
    public void Verify_HeaderWithCriticalExtensions_FailsWithMalformed()
    {
        var header = new JwtHeader(new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)), SecurityAlgorithms.HmacSha256))
        {
            ["crit"] = new[] { "b64" },
            ["b64"] = false,
        };
        var token = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(header, Payload()));

        var result = _verifier.Verify(token, Body, Url);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
        Assert.Contains("crit", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WrongIssuer_FailsWithInvalidIssuer()
    {
        var result = _verifier.Verify(Token(SecurityAlgorithms.HmacSha256, Key, issuer: "Someone"), Body, Url);

        Assert.Equal(SignatureFailure.InvalidIssuer, result.Failure);
    }

    [Fact]
    public void Verify_NotBeforeInTheFuture_FailsWithNotYetValidUnlessTolerated()
    {
        var token = Token(SecurityAlgorithms.HmacSha256, Key, notBefore: Now.AddSeconds(30));

        var strict = _verifier.Verify(token, Body, Url);
        var tolerant = new SignatureVerifier(Key, NextKey, new FakeTimeProvider(Now), TimeSpan.FromMinutes(1)).Verify(token, Body, Url);

        Assert.Equal(SignatureFailure.NotYetValid, strict.Failure);
        Assert.True(tolerant.IsValid, tolerant.Reason);
    }

    [Fact]
    public void Verify_ExpiredToken_FailsWithExpired()
    {
        var token = Token(SecurityAlgorithms.HmacSha256, Key);

        var atExpiry = new SignatureVerifier(Key, NextKey, new FakeTimeProvider(Now.AddMinutes(5)), TimeSpan.Zero).Verify(token, Body, Url);
        var justBefore = new SignatureVerifier(Key, NextKey, new FakeTimeProvider(Now.AddMinutes(5).AddSeconds(-1)), TimeSpan.Zero).Verify(token, Body, Url);

        Assert.Equal(SignatureFailure.Expired, atExpiry.Failure);
        Assert.True(justBefore.IsValid, justBefore.Reason);
    }

    [Fact]
    public void Verify_BodyClaimWithOrWithoutPadding_IsValid()
    {
        var hash = Convert.ToBase64String(SHA256.HashData(Body)).Replace('+', '-').Replace('/', '_');
        Assert.EndsWith("=", hash, StringComparison.Ordinal);

        var padded = _verifier.Verify(Token(SecurityAlgorithms.HmacSha256, Key, bodyHash: hash), Body, Url);
        var unpadded = _verifier.Verify(Token(SecurityAlgorithms.HmacSha256, Key, bodyHash: hash.TrimEnd('=')), Body, Url);

        Assert.True(padded.IsValid, padded.Reason);
        Assert.True(unpadded.IsValid, unpadded.Reason);
    }

    [Fact]
    public void Verify_TokenWithoutSubject_FailsOnlyWhenAUrlIsExpected()
    {
        var token = Token(SecurityAlgorithms.HmacSha256, Key, subject: null);

        Assert.True(_verifier.Verify(token, Body).IsValid);
        Assert.Equal(SignatureFailure.UrlMismatch, _verifier.Verify(token, Body, Url).Failure);
    }

    [Fact]
    public void Verify_ChangedPayload_FailsWithInvalidSignature()
    {
        var parts = Token(SecurityAlgorithms.HmacSha256, Key).Split('.');
        var otherPayload = Token(SecurityAlgorithms.HmacSha256, Key, subject: "https://evil.example.com/").Split('.')[1];

        var result = _verifier.Verify(parts[0] + "." + otherPayload + "." + parts[2], Body, "https://evil.example.com/");

        Assert.Equal(SignatureFailure.InvalidSignature, result.Failure);
    }

    private static string Token(string algorithm, string key, string issuer = "Upstash", string? subject = Url, DateTimeOffset? notBefore = null, string? bodyHash = null)
    {
        // The library wants HMAC keys at least as long as the hash; HS512 tokens are refused for their alg anyway.
        var keyBytes = Encoding.UTF8.GetBytes(algorithm == SecurityAlgorithms.HmacSha256 ? key : key.PadRight(64, '_'));
        var credentials = new SigningCredentials(new SymmetricSecurityKey(keyBytes), algorithm);
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(new JwtHeader(credentials), Payload(issuer, subject, notBefore, bodyHash)));
    }

    private static JwtPayload Payload(string issuer = "Upstash", string? subject = Url, DateTimeOffset? notBefore = null, string? bodyHash = null)
    {
        var claims = new List<Claim> { new("jti", "jwt_independent"), new("body", bodyHash ?? Base64UrlEncoder.Encode(SHA256.HashData(Body))) };
        if (subject is not null)
        {
            claims.Add(new Claim("sub", subject));
        }

        return new JwtPayload(issuer, audience: null, claims, notBefore: (notBefore ?? DateTimeOffset.FromUnixTimeSeconds(0)).UtcDateTime, expires: Now.AddMinutes(5).UtcDateTime, issuedAt: Now.UtcDateTime);
    }
}
