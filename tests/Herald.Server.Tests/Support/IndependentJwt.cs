using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Server.Tests.Support;

/// <summary>Checks Upstash-Signature tokens with Microsoft's JWT library, not with Herald's own code.</summary>
public static class IndependentJwt
{
    public static JwtSecurityToken Validate(string token, string signingKey, string expectedUrl, byte[] body)
    {
        var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };
        handler.ValidateToken(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
            ValidIssuer = "Upstash",
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
        }, out var validated);

        var jwt = (JwtSecurityToken)validated;
        Assert.Equal(expectedUrl, jwt.Subject);
        var expectedHash = Base64UrlEncoder.Encode(SHA256.HashData(body));
        Assert.Equal(expectedHash, jwt.Payload["body"]!.ToString()!.TrimEnd('='));
        return jwt;
    }
}
