package org.bourse.protocol;

/**
 * The version of the wire protocol, stated in every {@code welcome} and {@code snapshot} and optionally asked for in
 * a {@code hello}. Within a version only additions a client can ignore are made (new message types, new fields, new
 * reason strings); anything else raises it (docs/PROTOCOL.md, "Versioning").
 */
public final class ProtocolVersion {

    /** The one version this code speaks. */
    public static final int CURRENT = 1;

    private ProtocolVersion() {
    }
}
