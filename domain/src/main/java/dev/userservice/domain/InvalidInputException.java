package dev.userservice.domain;

import java.util.List;

/** Input that breaks a rule of the domain; carries one entry per offending field. */
public final class InvalidInputException extends DomainException {

  private static final long serialVersionUID = 1L;
  private final transient List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  public static InvalidInputException of(String field, String message) {
    return new InvalidInputException(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String describe(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid input names at least one field");
    }
    StringBuilder text = new StringBuilder("invalid input: ");
    for (int i = 0; i < errors.size(); i++) {
      text.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(' ')
          .append(errors.get(i).message());
    }
    return text.toString();
  }
}
