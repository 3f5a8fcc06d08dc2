package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.Values;

import java.math.BigInteger;
import java.util.List;

import static io.rampart.expression.FunctionDef.pure;

/**
 * parseCidr, cidrSubnet, cidrHost (ARM templates) and ipRangeContains (Azure Policy).
 *
 * Usable addresses follow the IPNetwork conventions ARM's output matches: IPv4 excludes the
 * network and broadcast addresses except in /31 and /32 blocks; IPv6 has no broadcast address.
 */
final class CidrFunctions {

    private CidrFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                pure("parseCidr", 1, 1, a -> {
                    IpNetwork n = network(a, 0);
                    ObjectNode out = Values.object();
                    out.put("network", n.network().toString());
                    out.put("netmask", n.netmask().toString());
                    if (!n.v6()) {
                        out.put("broadcast", n.last().toString());
                    }
                    out.put("firstUsable", firstUsable(n).toString());
                    out.put("lastUsable", lastUsable(n).toString());
                    out.put("cidr", n.prefix());
                    return out;
                }),
                pure("cidrSubnet", 3, 3, a -> {
                    IpNetwork n = network(a, 0);
                    long newPrefix = a.integer(1);
                    long index = a.integer(2);
                    if (newPrefix < n.prefix() || newPrefix > n.network().bits()) {
                        throw a.error("the new CIDR '" + newPrefix + "' must be between the network's own CIDR '" + n.prefix()
                                + "' and " + n.network().bits() + ".");
                    }
                    BigInteger count = BigInteger.ONE.shiftLeft((int) newPrefix - n.prefix());
                    if (index < 0 || BigInteger.valueOf(index).compareTo(count) >= 0) {
                        throw a.error("the subnet index '" + index + "' is out of range; the network has " + count
                                + " subnet(s) of /" + newPrefix + ".");
                    }
                    BigInteger subnetSize = BigInteger.ONE.shiftLeft(n.network().bits() - (int) newPrefix);
                    IpAddress start = n.network().plus(subnetSize.multiply(BigInteger.valueOf(index)));
                    return TextNode.valueOf(start + "/" + newPrefix);
                }),
                pure("cidrHost", 2, 2, a -> {
                    IpNetwork n = network(a, 0);
                    long index = a.integer(1);
                    IpAddress host = firstHost(n).plus(BigInteger.valueOf(index));
                    if (index < 0 || host.value().compareTo(lastUsable(n).value()) > 0) {
                        throw a.error("the host index '" + index + "' is out of range for the network '" + a.string(0) + "'.");
                    }
                    return TextNode.valueOf(host.toString());
                }),
                pure("ipRangeContains", 2, 2, CidrFunctions::ipRangeContains));
    }

    private static IpNetwork network(Arguments a, int i) {
        String text = a.string(i);
        IpNetwork n = IpNetwork.parse(text);
        if (n == null) {
            throw a.error("the value '" + text + "' is not a valid IP address range in CIDR notation.");
        }
        return n;
    }

    private static IpAddress firstUsable(IpNetwork n) {
        return !n.v6() && n.prefix() < 31 ? n.network().plus(BigInteger.ONE) : n.network();
    }

    private static IpAddress lastUsable(IpNetwork n) {
        return !n.v6() && n.prefix() < 31 ? n.last().plus(BigInteger.ONE.negate()) : n.last();
    }

    /** cidrHost counts from the address after the network address in both families (docs: ::1 for index 0). */
    private static IpAddress firstHost(IpNetwork n) {
        return n.prefix() < n.network().bits() - 1 ? n.network().plus(BigInteger.ONE) : n.network();
    }

    private static JsonNode ipRangeContains(Arguments a) {
        IpRange range = IpRange.cached(a.string(0));
        IpRange target = IpRange.cached(a.string(1));
        if (range == null || target == null) {
            throw a.error("the " + (range == null ? "first" : "second") + " parameter '" + (range == null ? a.string(0) : a.string(1))
                    + "' is not a valid IP address, CIDR range or start-end range.");
        }
        if (range.v6() != target.v6()) {
            throw a.error("the IP ranges '" + a.string(0) + "' and '" + a.string(1) + "' are of different address families.");
        }
        return BooleanNode.valueOf(range.start().compareTo(target.start()) <= 0 && range.end().compareTo(target.end()) >= 0);
    }

    /** A single address, a CIDR block, or 'start-end' (inclusive; an empty range is invalid). */
    record IpRange(BigInteger start, BigInteger end, boolean v6) {
        /** Policies test the same ranges (parameters, resource rules) over and over. */
        private static final java.util.Map<String, java.util.Optional<IpRange>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
        private static final int CACHE_LIMIT = 4096;

        static IpRange cached(String text) {
            java.util.Optional<IpRange> hit = CACHE.get(text);
            if (hit == null) {
                if (CACHE.size() >= CACHE_LIMIT) {
                    CACHE.clear();
                }
                hit = java.util.Optional.ofNullable(parse(text));
                CACHE.put(text, hit);
            }
            return hit.orElse(null);
        }

        static IpRange parse(String text) {
            String s = text.trim();
            if (s.indexOf('/') >= 0) {
                IpNetwork n = IpNetwork.parse(s);
                return n == null ? null : new IpRange(n.network().value(), n.last().value(), n.v6());
            }
            int dash = s.indexOf('-');
            if (dash >= 0) {
                IpAddress from = IpAddress.parse(s.substring(0, dash).trim());
                IpAddress to = IpAddress.parse(s.substring(dash + 1).trim());
                if (from == null || to == null || from.v6() != to.v6() || from.value().compareTo(to.value()) > 0) {
                    return null;
                }
                return new IpRange(from.value(), to.value(), from.v6());
            }
            IpAddress single = IpAddress.parse(s);
            return single == null ? null : new IpRange(single.value(), single.value(), single.v6());
        }
    }
}
