package io.cronshard.internal.instance;

import io.cronshard.internal.common.SystemSettings;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * This machine's ip as it appears in instance ids and {@code servers/{ip}}: the system property
 * {@code cronshard.server.ip} when set, else the first site-local IPv4 address of an interface
 * that is up, else any non-loopback address, else the loopback one.
 */
public final class ServerIp {

    private ServerIp() {
    }

    /** @return the ip */
    public static String detect() {
        String configured = SystemSettings.serverIp();
        if (configured != null) {
            return configured;
        }
        InetAddress fallback = null;
        try {
            for (NetworkInterface each : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!each.isUp() || each.isLoopback() || each.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(each.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                        continue;
                    }
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        return address.getHostAddress();
                    }
                    if (fallback == null || fallback.getAddress().length > address.getAddress().length) {
                        fallback = address;
                    }
                }
            }
        } catch (SocketException ex) {
            // fall through to the loopback address
        }
        return fallback == null ? InetAddress.getLoopbackAddress().getHostAddress() : fallback.getHostAddress();
    }
}
