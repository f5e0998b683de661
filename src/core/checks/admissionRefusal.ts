/**
 * Admission refusals as a controller's FailedCreate events and ReplicaFailure conditions quote them: Pod Security
 * admission ("violates PodSecurity \"restricted:latest\": privileged …", k8s.io/pod-security-admission) and the
 * PodSecurityPolicy admission of Kubernetes before v1.25 ("unable to validate against any pod security policy").
 */
export type AdmissionRefusal = 'PodSecurity admission' | 'PodSecurityPolicy';

const ADMISSION: readonly { readonly pattern: RegExp; readonly refusal: AdmissionRefusal }[] = [
  { pattern: /violates PodSecurity/i, refusal: 'PodSecurity admission' },
  { pattern: /pod security polic|PodSecurityPolicy/i, refusal: 'PodSecurityPolicy' },
];

export function admissionRefusal(message: string): AdmissionRefusal | undefined {
  return ADMISSION.find((entry) => entry.pattern.test(message))?.refusal;
}
