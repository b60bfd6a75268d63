package io.baas.iam.token;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;

/**
 * Plugs KubeSphere's token rules into smallrye-jwt: it extracts the bearer token, we verify it
 * (reloading HS256 key, short secrets, optional exp for static tokens, user or service account must exist).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class KubeSphereJwtCallerPrincipalFactory extends JWTCallerPrincipalFactory {

    private final KubeSphereAuthenticator authenticator;

    KubeSphereJwtCallerPrincipalFactory(KubeSphereAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        try {
            VerifiedToken verified = authenticator.authenticate(token);
            JwtClaims claims = new JwtClaims();
            claims.setClaim(Claims.upn.name(), verified.username());
            claims.setClaim("username", verified.username());
            claims.setClaim("token_type", verified.tokenType());
            verified.expiresAt().ifPresent(exp -> claims.setClaim(Claims.exp.name(), exp.getEpochSecond()));
            claims.setClaim(Claims.raw_token.name(), token);
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        } catch (TokenRejectedException e) {
            throw new ParseException(e.getMessage(), e);
        }
    }
}
