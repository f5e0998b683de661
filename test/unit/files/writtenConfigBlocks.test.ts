import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, lint } from './lintHelpers';

/** Every finding as [covered text, line:column, code]. */
function placed(text: string, path: string): [string, string, string][] {
  return lint(text, path).map((finding) => [at(text, finding).text, at(text, finding).where, finding.code]);
}

describe('RKE2 configs written by templates', () => {
  it('lints the write_files config block of user-data that %{ if } makes unreadable, at exact positions', () => {
    const text = [
      '#cloud-config',
      'write_files:',
      '  - path: /etc/rancher/rke2/config.yaml',
      '    content: |',
      '      token: "${token}"',
      '      kubelet-args:',
      '        - max-pods=${max_pods}',
      '%{ if primary }',
      '      disable: [coredns]',
      '%{ endif }',
      '  - content: |',
      '      cluster-cidr: 10.42.0.0/16,10.43.0.0/16',
      '    path: "/etc/rancher/rke2/config.yaml.d/50-net.yaml"',
      '  - path: /etc/app/other.yaml',
      '    content: |',
      '      kubelet-args: x',
      '',
    ].join('\n');
    assert.deepEqual(placed(text, '/repo/templates/user-data.yaml.tftpl'), [
      ['kubelet-args', '6:7', 'unknown-key'],
      ['%', '8:1', 'template-not-checked'],
      ['coredns', '9:17', 'invalid-value'],
      ['10.43.0.0/16', '12:34', 'invalid-cidr'],
    ]);
  });

  it('lints an Ansible copy whose content is an RKE2 config, Jinja masked, and nothing else of the playbook', () => {
    const text = [
      '- name: Write the RKE2 config',
      '  ansible.builtin.copy:',
      '    dest: /etc/rancher/rke2/config.yaml',
      '    mode: "0600"',
      '    content: |',
      '      token: {{ rke2_token }}',
      '      write-kubeconfig-mode: 0644',
      '{% if inventory_hostname == groups.servers[0] %}',
      '      cni: calico',
      '{% endif %}',
      '- name: Not this one',
      '  copy:',
      '    dest: /etc/rancher/k3s/config.yaml',
      '    content: |',
      '      kubelet-args: x',
      '- name: nor the rest of the play',
      '  shell: echo "{{ unbalanced"',
      '',
    ].join('\n');
    const found = placed(text, '/repo/roles/rke2/tasks/main.yml');
    assert.deepEqual(found, [['0644', '7:30', 'invalid-value']]);
    // A copy from a variable, or a template module, holds no literal config: the file is not this product's.
    assert.deepEqual(lint('- copy:\n    dest: /etc/rancher/rke2/config.yaml\n    content: "{{ cfg | to_nice_yaml }}"\n', '/r/tasks.yml'), []);
  });
});
