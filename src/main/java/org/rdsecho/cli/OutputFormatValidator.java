package org.rdsecho.cli;

import com.beust.jcommander.IParameterValidator;
import com.beust.jcommander.ParameterException;

/** Only the two output formats of the contract. */
public final class OutputFormatValidator implements IParameterValidator {
  @Override
  public void validate(String name, String value) {
    if (!"text".equals(value) && !"json".equals(value)) {
      throw new ParameterException(name + " takes text or json, not '" + value + "'");
    }
  }
}
