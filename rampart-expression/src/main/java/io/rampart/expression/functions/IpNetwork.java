package io.rampart.expression.functions;

import java.math.BigInteger;

/** A CIDR block ('10.144.0.0/20', 'fdad:3236:5555::/48'); host bits of the address are ignored. */
record IpNetwork(IpAddress network, int prefix) {

    /** The block, or null when the text is not address/prefix with a prefix in range. */
    static IpNetwork parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return null;
        }
        IpAddress address = IpAddress.parse(text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        if (address == null || prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > address.bits()) {
            return null;
        }
        return of(address, prefix);
    }

    static IpNetwork of(IpAddress address, int prefix) {
        BigInteger mask = mask(address.v6(), prefix);
        return new IpNetwork(new IpAddress(address.value().and(mask), address.v6()), prefix);
    }

    static BigInteger mask(boolean v6, int prefix) {
        int bits = v6 ? 128 : 32;
        return IpAddress.maxValue(v6).shiftRight(bits - prefix).shiftLeft(bits - prefix);
    }

    boolean v6() {
        return network.v6();
    }

    IpAddress netmask() {
        return new IpAddress(mask(v6(), prefix), v6());
    }

    /** The last address of the block (IPv4's broadcast address). */
    IpAddress last() {
        BigInteger hostBits = IpAddress.maxValue(v6()).shiftRight(prefix);
        return new IpAddress(network.value().or(hostBits), v6());
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.bits() - prefix);
    }
}
