// A throw-away self-signed certificate for one IP address, made with openssl, so the local
// CloudFormation response endpoint speaks real HTTPS to functions that trust it (NODE_EXTRA_CA_CERTS).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LocalDeployError } from './errors';

export interface Certificate {
  key: Buffer;
  cert: Buffer;
  certFile: string;
}

export function selfSignedCertificate(dir: string, ip: string): Certificate {
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'openssl.cnf');
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  // A config file rather than -addext: LibreSSL (macOS) and OpenSSL both read it.
  fs.writeFileSync(config, [
    '[req]', 'distinguished_name = dn', 'x509_extensions = v3', 'prompt = no',
    '[dn]', 'CN = local deploy CloudFormation response endpoint',
    '[v3]', `subjectAltName = IP:${ip}`, 'basicConstraints = critical,CA:TRUE', 'keyUsage = digitalSignature,keyEncipherment,keyCertSign',
    '',
  ].join('\n'));
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-config', config, '-keyout', keyFile, '-out', certFile],
    { encoding: 'utf8' });
  if (made.error || made.status !== 0) {
    const why = made.error ? (made.error as NodeJS.ErrnoException).code ?? made.error.message : made.stderr.trim();
    throw new LocalDeployError(`local deploy needs openssl to make a certificate for its CloudFormation response endpoint, and it failed (${why}): install openssl`);
  }
  return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile), certFile };
}
