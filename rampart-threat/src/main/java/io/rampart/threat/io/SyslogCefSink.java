package io.rampart.threat.io;

import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.detect.AlertSink;
import io.rampart.threat.format.Cef;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Continuous export to syslog as CEF: RFC 5424 messages over UDP (one datagram each, RFC 5426)
 * or TCP (octet-counted framing, RFC 6587). The first failure is reported and ends the export.
 */
public final class SyslogCefSink implements AlertSink {

    public enum Transport { UDP, TCP }

    private final InetSocketAddress target;
    private final Transport transport;
    private final String version;
    private final String hostname;
    private final List<String> problems = new ArrayList<>();
    private DatagramSocket udp;
    private Socket tcp;

    public SyslogCefSink(String host, int port, Transport transport, String version, String hostname) {
        this.target = new InetSocketAddress(host, port);
        this.transport = transport;
        this.version = version;
        this.hostname = hostname;
    }

    @Override
    public void accept(SecurityAlert alert) {
        if (!problems.isEmpty()) {
            return;
        }
        byte[] msg = Cef.syslog(alert, version, hostname).getBytes(StandardCharsets.UTF_8);
        try {
            if (transport == Transport.UDP) {
                if (udp == null) {
                    udp = new DatagramSocket();
                }
                udp.send(new DatagramPacket(msg, msg.length, target));
            } else {
                if (tcp == null) {
                    tcp = new Socket();
                    tcp.connect(target, 10_000);
                }
                OutputStream out = tcp.getOutputStream();
                out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(msg);
                out.flush();
            }
        } catch (IOException e) {
            problems.add("syslog " + transport.name().toLowerCase() + "://" + target.getHostString() + ":" + target.getPort() + ": "
                    + e.getMessage() + " (export stopped)");
        }
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException ignored) {
                // closing a socket that failed already: nothing left to report
            }
        }
    }
}
