package io.fangxian.query;

import io.fangxian.config.AppConfig;
import io.fangxian.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP server's settings, from {@link AppConfig}: bind address and port, the advertised
 * {@code host:port} other instances use, the bearer token ({@code http.token}; none = open), the
 * CORS origins ({@code http.cors.origins}; none = no CORS headers), the per-client rate limit
 * ({@code http.rate.limit} requests/s; 0 = off) and the largest request body accepted.
 */
public record HttpSettings(String host, int port, String advertised, String token, Set<String> corsOrigins,
                           int rateLimitPerSecond, long maxBodyBytes, Path tlsKeystore, String tlsPassword) {

  public static HttpSettings from(AppConfig config, String advertised) {
    String token = config.get(AppConfig.HTTP_TOKEN);
    String origins = config.get(AppConfig.HTTP_CORS_ORIGINS);
    return new HttpSettings(config.get(AppConfig.HTTP_HOST), config.intValue(AppConfig.HTTP_PORT), advertised,
        token == null || token.isBlank() ? null : token.trim(),
        origins == null ? Set.of() : Arrays.stream(origins.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        config.intValue(AppConfig.HTTP_RATE_LIMIT), config.intValue(AppConfig.HTTP_MAX_BODY_BYTES),
        blank(config.get(AppConfig.HTTP_TLS_KEYSTORE)) ? null : Path.of(config.get(AppConfig.HTTP_TLS_KEYSTORE)),
        config.get(AppConfig.HTTP_TLS_KEYSTORE_PASSWORD));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Serves HTTPS only (no plain port) when a keystore is configured. */
  public boolean tls() {
    return tlsKeystore != null;
  }

  public String scheme() {
    return tls() ? "https" : "http";
  }

  /**
   * A client for calling the other instances: with TLS it trusts the JDK's authorities and the
   * certificate in our own keystore (replicas of one deployment usually share it).
   */
  public HttpClient peerClient() {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (tls()) {
      b.sslContext(trusting(tlsKeystore, tlsPassword));
    }
    return b.build();
  }

  static SSLContext trusting(Path keystore, String password) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore own = KeyStore.getInstance("PKCS12");
      own.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory ours = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      ours.init(own);
      TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jdk.init((KeyStore) null);
      X509TrustManager a = (X509TrustManager) ours.getTrustManagers()[0];
      X509TrustManager b = (X509TrustManager) jdk.getTrustManagers()[0];
      X509TrustManager either = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
          b.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
          try {
            a.checkServerTrusted(chain, authType);
          } catch (CertificateException notOurs) {
            b.checkServerTrusted(chain, authType);
          }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return b.getAcceptedIssuers();
        }
      };
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {either}, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("cannot read " + AppConfig.HTTP_TLS_KEYSTORE + " " + keystore + ": " + e.getMessage());
    }
  }
}
