package dev.flinkregistry.server.validate;

import dev.flinkregistry.server.RegistryException;

/** Options can be validated for table connectors and catalogs only. */
public class UnsupportedFamilyException extends RegistryException {

    public UnsupportedFamilyException(String family) {
        super("Options can be validated for family '" + OptionValidator.TABLE_CONNECTOR + "' (a table's 'connector') "
                + "or '" + OptionValidator.CATALOG + "' (a catalog's 'type'), not '" + family + "'");
    }

    @Override
    public String code() {
        return "UNSUPPORTED_FAMILY";
    }
}
