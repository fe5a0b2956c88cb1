import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { FileMailTransport } from 'src/platform/mail/file-mail-transport';
import { MailTransport } from 'src/platform/mail/mail-transport';
import { SmtpMailTransport } from 'src/platform/mail/smtp-mail-transport';

@Injectable()
class MailShutdown implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly mail: MailTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.mail.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): MailTransport => (c.mail.transport === 'smtp' ? new SmtpMailTransport(c.mail.smtpUrl, c.mail.from) : new FileMailTransport(c.mail.dir, c.mail.from)),
    },
    MailShutdown,
  ],
  exports: [MailTransport],
})
export class MailModule {}
