namespace Herald.Client.Verification;

/// <summary>Thrown by <c>VerifyOrThrow</c> when a signature is not valid; <see cref="Failure"/> says why.</summary>
public sealed class SignatureVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SignatureVerificationException()
        : this("The signature is not valid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SignatureVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SignatureVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a refused signature.</summary>
    /// <param name="result">The verification result.</param>
    public SignatureVerificationException(SignatureVerificationResult result)
        : base("signature verification failed: " + result?.Reason)
    {
        ArgumentNullException.ThrowIfNull(result);
        Failure = result.Failure;
    }

    /// <summary>Why the signature was refused (<see cref="SignatureFailure.InvalidSignature"/> unless built from a result).</summary>
    public SignatureFailure Failure { get; } = SignatureFailure.InvalidSignature;
}
