package dev.faultline.harness.remote;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;

/**
 * OpenSSH's {@code StrictHostKeyChecking=accept-new}, which jsch lacks (its "no" also replaces a
 * changed key without a word): a host not yet known is added and trusted; a host whose key
 * differs from the known one is still reported as changed, so the session refuses it.
 */
final class AcceptNewHostKeys implements HostKeyRepository {
    private final HostKeyRepository known;

    AcceptNewHostKeys(HostKeyRepository known) {
        this.known = known;
    }

    @Override
    public int check(String host, byte[] key) {
        int result = known.check(host, key);
        if (result != NOT_INCLUDED) {
            return result;
        }
        try {
            known.add(new HostKey(host, key), null);
        } catch (JSchException e) {
            return NOT_INCLUDED; // A key type jsch cannot store: refused like any unknown key.
        }
        return OK;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        known.add(hostkey, ui);
    }

    @Override
    public void remove(String host, String type) {
        known.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        known.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return known.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.getHostKey(host, type);
    }
}
