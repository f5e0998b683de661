/** The policy several policy tests start from: shop's database takes 5432 from web pods of its namespace only. */
export const DB_FROM_WEB_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
  - from: [ { podSelector: { matchLabels: { app: web } } } ]
    ports: [ { port: 5432 } ]
`;
