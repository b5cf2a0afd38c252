import { authenticate } from '@/lib/auth-handler';

export function POST(request: Request): Promise<Response> {
  return authenticate(request, 'signup');
}
