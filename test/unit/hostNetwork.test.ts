import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRouteDevice, defaultRouteFromProc, judgeTunnelMtu, parseIpLinks } from '../../src/host/tunnelMtu';
import { ethtoolFeatures, judgeVxlanOffload } from '../../src/host/vxlanOffloadHost';

const IP_LINK = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
7: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default
    link/ether 66:93:0c:91:10:db brd ff:ff:ff:ff:ff:ff
9: cali1a2b3c4d5e6@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP mode DEFAULT group default
`;

describe('host: Calico tunnel MTU against the NIC', () => {
  it('reads ip link output and the default route', () => {
    assert.deepEqual(parseIpLinks(IP_LINK).map((link) => `${link.name}=${link.mtu}`), ['lo=65536', 'eth0=1500', 'vxlan.calico=1450', 'cali1a2b3c4d5e6=1450']);
    assert.equal(defaultRouteDevice('default via 192.168.50.1 dev eth0 proto dhcp src 192.168.50.10 metric 100\n10.42.0.0/26 via 10.42.0.0 dev vxlan.calico onlink\n'), 'eth0');
    assert.equal(defaultRouteFromProc('Iface\tDestination\tGateway\nens3\t00000000\t0132A8C0\nens3\t0032A8C0\t00000000\n'), 'ens3');
  });

  it('passes 1450 + 50 on a 1500 NIC, fails 1500 + 50, skips without a tunnel', () => {
    assert.equal(judgeTunnelMtu(parseIpLinks(IP_LINK), 'eth0', 'bundle').status, 'pass');
    const tooBig = judgeTunnelMtu(parseIpLinks(IP_LINK.replace('mtu 1450 qdisc noqueue state UNKNOWN', 'mtu 1500 qdisc noqueue state UNKNOWN')), 'eth0', 'bundle');
    assert.equal(tooBig.status, 'fail');
    assert.match(tooBig.summary, /vxlan\.calico needs 1550-byte frames but eth0 carries 1500/);
    assert.equal(judgeTunnelMtu([{ name: 'eth0', mtu: 1500 }], 'eth0', 'bundle').status, 'skipped');
    assert.equal(judgeTunnelMtu(parseIpLinks(IP_LINK), undefined, 'bundle').status, 'unknown');
  });
});

describe('host: vxlan.calico checksum offload from ethtool -k', () => {
  const ETHTOOL = 'Features for eth0:\ntx-checksum-ip-generic: on\nFeatures for vxlan.calico:\nrx-checksumming: on\ntx-checksumming: on\n\ttx-checksum-ip-generic: on\n\ttx-checksum-sctp: off [fixed]\n';

  it('warns when offload is on, naming calico#11435 on kernels 6.12+', () => {
    const features = ethtoolFeatures(ETHTOOL, 'vxlan.calico');
    assert.equal(features?.get('tx-checksum-ip-generic'), 'on');
    assert.equal(judgeVxlanOffload(features, '6.12.0-55.el10.x86_64', 'bundle').knownIssue?.id, 'projectcalico/calico#11435');
    assert.equal(judgeVxlanOffload(features, '6.8.0-55-generic', 'bundle').knownIssue?.id, 'projectcalico/calico#8746');
  });

  it('passes when it is off and skips without the device', () => {
    assert.equal(judgeVxlanOffload(ethtoolFeatures(ETHTOOL.replace('\ttx-checksum-ip-generic: on', '\ttx-checksum-ip-generic: off'), 'vxlan.calico'), '6.12.0', 'bundle').status, 'pass');
    assert.equal(judgeVxlanOffload(ethtoolFeatures('Features for eth0:\n', 'vxlan.calico'), '6.12.0', 'bundle').status, 'skipped');
  });
});
