package io.fangxian.domain;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters,
 * <ol>
 *   <li>position 1: registration authority (e.g. 9 = market regulation / 工商),</li>
 *   <li>position 2: entity type (e.g. 1 = enterprise),</li>
 *   <li>positions 3–8: administrative division code (GB/T 2260, Jintan = 320413),</li>
 *   <li>positions 9–17: the organisation code (GB 11714), whose last character is its own check,</li>
 *   <li>position 18: the check character over positions 1–17.</li>
 * </ol>
 * The alphabet is {@value #ALPHABET} (no I, O, Z, S, V).
 */
public final class CreditCode {
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  public static final int LENGTH = 18;

  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  private CreditCode() { }

  public static boolean isValid(String code) {
    return problem(code).isEmpty();
  }

  /** Why {@code code} is not a valid credit code, or empty if it is. */
  public static Optional<String> problem(String code) {
    if (code == null) {
      return Optional.of("must be 18 characters, got none");
    }
    if (code.length() != LENGTH) {
      return Optional.of("must be 18 characters, got " + code.length());
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = code.charAt(i);
      if (ALPHABET.indexOf(c) < 0) {
        String hint = Character.isLowerCase(c) ? " (letters must be upper case)" : "";
        return Optional.of("character '" + c + "' at position " + (i + 1) + " is not allowed" + hint
            + "; allowed: " + ALPHABET);
      }
    }
    for (int i = 2; i < 8; i++) {
      if (!Character.isDigit(code.charAt(i))) {
        return Optional.of("positions 3-8 (administrative division code) must be digits, got '"
            + code.substring(2, 8) + "'");
      }
    }
    char orgCheck = organisationCheck(code.substring(8, 16));
    if (code.charAt(16) != orgCheck) {
      return Optional.of("organisation code check character (position 17) should be '" + orgCheck
          + "', got '" + code.charAt(16) + "'");
    }
    char check = checkCharacter(code.substring(0, 17));
    if (code.charAt(17) != check) {
      return Optional.of("check character should be '" + check + "', got '" + code.charAt(17) + "'");
    }
    return Optional.empty();
  }

  /**
   * A random valid code for an enterprise (authority 9, type 1) registered in {@code divisionCode}.
   * Most organisation codes of enterprises registered since 2015 start with "MA"; older ones are numeric.
   */
  public static String generate(RandomGenerator rnd, String divisionCode) {
    if (divisionCode == null || !divisionCode.matches("[0-9]{6}")) {
      throw new IllegalArgumentException("division code must be 6 digits, got " + divisionCode);
    }
    StringBuilder body = new StringBuilder(8);
    if (rnd.nextDouble() < 0.6) {
      body.append("MA");
      while (body.length() < 8) {
        body.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
      }
    } else {
      while (body.length() < 8) {
        body.append((char) ('0' + rnd.nextInt(10)));
      }
    }
    String first17 = "91" + divisionCode + body + organisationCheck(body.toString());
    return first17 + checkCharacter(first17);
  }

  /** The check character (position 18) for the first 17 characters: weights 3^(i-1) mod 31. */
  static char checkCharacter(String first17) {
    int sum = 0;
    int weight = 1;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * weight;
      weight = weight * 3 % 31;
    }
    int c = 31 - sum % 31;
    return ALPHABET.charAt(c == 31 ? 0 : c);
  }

  /** GB 11714 check over 8 body characters: digits are their value, letters A=10 … Z=35. */
  static char organisationCheck(String body8) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += Character.digit(body8.charAt(i), 36) * ORG_WEIGHTS[i];
    }
    int c = 11 - sum % 11;
    return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
  }
}
