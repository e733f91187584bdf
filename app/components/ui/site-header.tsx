import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { confirmSignOut } from '#app/features/offline/offline-ui.tsx'
import type { Language } from '#app/utils/i18n.ts'

type HeaderViewer = { id: string; name: string; role: string; isStaff: boolean; unread: number } | null

export function SiteHeader({ viewer, language }: { viewer: HeaderViewer; language: Language }) {
	const { t } = useTexts()
	return (
		<header className="site-header">
			<div className="site-header__inner">
				<Link to={viewer ? '/home' : '/'} className="wordmark">
					<span aria-hidden="true" className="wordmark__mark">
						◆
					</span>{' '}
					{t('app.name')}
				</Link>
				<nav aria-label={t('nav.label')} className="site-nav">
					<ul>
						{viewer ? (
							<>
								<li>
									<NavLink to="/home">{t('nav.home')}</NavLink>
								</li>
								<li>
									<NavLink to="/learn">{t('nav.learn')}</NavLink>
								</li>
								{viewer.role === 'delegate' || viewer.role === 'alumni' ? (
									<li>
										<NavLink to="/roadmap">{t('nav.roadmap')}</NavLink>
									</li>
								) : null}
								{viewer.role === 'staff' || viewer.role === 'facilitator' ? (
									<li>
										<NavLink to="/cohorts">{t('nav.cohorts')}</NavLink>
									</li>
								) : null}
								{viewer.role === 'staff' || viewer.role === 'facilitator' ? (
									<li>
										<NavLink to="/assistance">{t('nav.assistance')}</NavLink>
									</li>
								) : null}
								{viewer.isStaff ? (
									<li>
										<NavLink to="/mail">{t('mail.nav')}</NavLink>
									</li>
								) : null}
								{viewer.isStaff ? (
									<li>
										<NavLink to="/people">{t('personalData.nav')}</NavLink>
									</li>
								) : null}
								{viewer.isStaff ? (
									<li>
										<NavLink to="/audit">{t('audit.nav')}</NavLink>
									</li>
								) : null}
								<li>
									<NavLink to="/glossary">{t('nav.glossary')}</NavLink>
								</li>
								<li>
									<NavLink to="/search">{t('nav.search')}</NavLink>
								</li>
								<li>
									<NavLink
										to="/notifications"
										aria-label={viewer.unread ? t('notifications.navCount', { count: viewer.unread }) : undefined}
									>
										{t('notifications.nav')}
										{viewer.unread ? (
											<>
												{' '}
												<span className="nav-count">{viewer.unread > 99 ? '99+' : viewer.unread}</span>
											</>
										) : null}
									</NavLink>
								</li>
								<li>
									<NavLink to="/settings">{t('nav.settings')}</NavLink>
								</li>
								<li>
									<Form
										method="post"
										action="/logout"
										onSubmit={(event) => confirmSignOut(event, (count) => t('offline.signOutWaiting', { count }))}
									>
										<button type="submit" className="link-button">
											{t('nav.signOut')}
										</button>
									</Form>
								</li>
							</>
						) : (
							<li>
								<NavLink to="/login">{t('nav.signIn')}</NavLink>
							</li>
						)}
					</ul>
				</nav>
				<LanguageSwitcher language={language} />
			</div>
		</header>
	)
}

export function LanguageSwitcher({ language }: { language: Language }) {
	const { t } = useTexts()
	const location = useLocation()
	const params = new URLSearchParams(location.search)
	params.delete('lng')
	const redirectTo = `${location.pathname}${params.size ? `?${params}` : ''}`
	return (
		// A full page load: the whole page, its data and its texts come back in the new language at once.
		<Form method="post" action="/set-language" className="language-switcher" reloadDocument>
			<input type="hidden" name="redirectTo" value={redirectTo} />
			<fieldset>
				<legend className="visually-hidden">{t('language.label')}</legend>
				<button type="submit" name="lng" value="en" lang="en" aria-pressed={language === 'en'} className="chip">
					English
				</button>
				<button type="submit" name="lng" value="es" lang="es" aria-pressed={language === 'es'} className="chip">
					Español
				</button>
			</fieldset>
		</Form>
	)
}

export function SiteFooter() {
	const { t } = useTexts()
	return (
		<footer className="site-footer">
			<p>{t('footer.about')}</p>
		</footer>
	)
}
