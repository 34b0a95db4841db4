// Is this request really from Twilio? Shared by the SMS and voice webhooks: the signature
// covers the public URL Twilio called (a proxy in front changes scheme, host or port).
import type { Request } from 'restify';
import { signatureValid, signedUrl, type FormParams } from './sms/inbound';

export function twilioSigned(req: Request, authToken: string, publicBaseUrl: string | undefined, path: string, params: FormParams): boolean {
  const proto = (req as Request & { isSecure(): boolean }).isSecure() ? 'https' : 'http';
  const url = signedUrl(publicBaseUrl, req.url ?? path, `${proto}://${req.headers.host ?? 'localhost'}`, path);
  const header = req.headers['x-twilio-signature'];
  return signatureValid(authToken, Array.isArray(header) ? header[0] : header, url, params);
}
