using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Herald.Contracts.Signing;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Contracts.Tests.Signing;

public sealed class QStashSignatureTests
{
    private const string Key = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sign_ProducesATokenThatAnIndependentLibraryValidates()
    {
        var body = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");
        var token = QStashSignature.Sign(Key, "https://example.com/api?x=1", body, IssuedAt, "jwt_abc");

        var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };
        handler.ValidateToken(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)),
            ValidIssuer = "Upstash",
            ValidateAudience = false,
            ValidateLifetime = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        }, out var validated);
        var jwt = (JwtSecurityToken)validated;

        Assert.Equal("JWT", jwt.Header.Typ);
        Assert.Equal("https://example.com/api?x=1", jwt.Subject);
        Assert.Equal("jwt_abc", jwt.Id);
        Assert.Equal(IssuedAt.ToUnixTimeSeconds(), Convert.ToInt64(jwt.Payload["iat"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(IssuedAt.ToUnixTimeSeconds() + 300, Convert.ToInt64(jwt.Payload["exp"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(jwt.Payload["nbf"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(body)) + "=", jwt.Payload["body"]);
    }

    [Fact]
    public void Sign_WithAnotherKey_FailsIndependentValidation()
    {
        var token = QStashSignature.Sign(Key, "https://example.com", [], IssuedAt, "jwt_x");

        var handler = new JwtSecurityTokenHandler();
        Assert.ThrowsAny<SecurityTokenException>(() => handler.ValidateToken(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs")),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        }, out _));
    }

    [Fact]
    public void BodyHash_EmptyBody_IsTheHashOfZeroBytesWithPadding() =>
        Assert.Equal("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=", QStashSignature.BodyHash([]));

    [Fact]
    public void Sign_HeaderIsHs256Jwt()
    {
        var token = QStashSignature.Sign(Key, "https://example.com", [], IssuedAt, "jwt_x");

        var header = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0]));
        Assert.Equal("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", header);
        Assert.Equal(3, token.Split('.').Length);
    }

    [Fact]
    public void Sign_SameInputs_GiveTheSameToken()
    {
        var a = QStashSignature.Sign(Key, "https://example.com", [1, 2, 3], IssuedAt, "jwt_same");
        var b = QStashSignature.Sign(Key, "https://example.com", [1, 2, 3], IssuedAt, "jwt_same");

        Assert.Equal(a, b);
        Assert.NotEqual(a, QStashSignature.Sign(Key, "https://example.com", [1, 2, 4], IssuedAt, "jwt_same"));
    }

    [Fact]
    public void Sign_IsByteForByteStable()
    {
        // Tokens of this exact format are what QStash verifiers have accepted; a change to the JSON, its escaping or
        // the encodings shows here first.
        var at = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var escaped = QStashSignature.Sign(Key, "https://example.com/hook?a=1&b=<x>", Encoding.UTF8.GetBytes("{\"hello\":\"wörld\"}"), at, "jwt_abc");
        var empty = QStashSignature.Sign("sig_x", "http://127.0.0.1:8080/", ReadOnlySpan<byte>.Empty, at, "jwt_1");
        var large = QStashSignature.Sign("sig_" + new string('k', 300), "https://example.com/" + new string('p', 3000) + "/ünïcode", new byte[5000], at, "jwt_" + new string('j', 40));

        Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJVcHN0YXNoIiwic3ViIjoiaHR0cHM6Ly9leGFtcGxlLmNvbS9ob29rP2E9MVx1MDAyNmI9XHUwMDNDeFx1MDAzRSIsImV4cCI6MTg5MzU1Mzc0NSwibmJmIjowLCJpYXQiOjE4OTM1NTM0NDUsImp0aSI6Imp3dF9hYmMiLCJib2R5IjoiRmY2VGJWcGNTbFpNamNrQUlvQUFrbVBBekF2UThvNFdaU1VwcWZnN0xTTT0ifQ.DZ4RuylOVGfxfS1ZvPLnwIDHK4yMjfDEHgrSpWeBBGM",
            escaped);
        Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJVcHN0YXNoIiwic3ViIjoiaHR0cDovLzEyNy4wLjAuMTo4MDgwLyIsImV4cCI6MTg5MzU1Mzc0NSwibmJmIjowLCJpYXQiOjE4OTM1NTM0NDUsImp0aSI6Imp3dF8xIiwiYm9keSI6IjQ3REVRcGo4SEJTYS1fVEltVy01SkNldVFlUmttNU5NcEpXWkczaFN1RlU9In0.eyJ6ioAs1LULsbZuRxye0HRzGT5gqMwfpwgOgD-0DGw",
            empty);
        Assert.Equal("3f401e60a55f5df9ba0077a7f4ba0e507362593a187e6bb7c8cfb20d8d67dd4d", Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(large))));
    }

    [Fact]
    public void Sign_OnManyThreadsAtOnce_GivesEachCallItsOwnToken()
    {
        var tokens = new string[2000];
        Parallel.For(0, tokens.Length, i => tokens[i] = QStashSignature.Sign(Key, $"https://example.com/{i}", [(byte)i], IssuedAt, $"jwt_{i}"));

        for (var i = 0; i < tokens.Length; i++)
        {
            Assert.Equal(QStashSignature.Sign(Key, $"https://example.com/{i}", [(byte)i], IssuedAt, $"jwt_{i}"), tokens[i]);
        }
    }
}
