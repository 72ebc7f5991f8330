// Passwords of 10 or more characters that appear near the top of public
// breach-frequency lists. Shorter ones are already refused by the length rule.
// Compared case-insensitively.
const LIST = `
1234567890 0123456789 12345678910 123456789a 1234567890a 123456789q 1q2w3e4r5t 1q2w3e4r5t6y
1qaz2wsx3edc 1qazxsw23edc qwertyuiop qwertyuiop123 qwerty1234 qwerty12345 qwerty123456
asdfghjkl1 asdfghjkl; zxcvbnm123 zaq12wsxcde qazwsxedc123 qazwsxedcrfv 0987654321
9876543210 1111111111 0000000000 2222222222 5555555555 7777777777 8888888888 9999999999
1234512345 1212121212 1122334455 1234567899 123123123123 123456654321 abcdefghij
abc1234567 abcd123456 abcdef1234 a123456789 aa12345678 password12 password123 password1234
password12345 password01 password!1 passw0rd123 p@ssw0rd123 p@ssword123 password2024
password2025 password2026 mypassword mypassword1 mypassword123 newpassword newpassword1
letmein123 letmein1234 welcome123 welcome1234 welcome2024 welcome2025 welcome2026
iloveyou12 iloveyou123 iloveyou1234 sunshine12 sunshine123 football12 football123
baseball12 baseball123 basketball basketball1 superman123 batman1234 starwars12
starwars123 pokemon123 princess12 princess123 computer12 computer123 internet12
whatever12 trustno1234 changeme123 changemenow administrator admin12345 admin123456
adminadmin administrator1 rootroot12 master1234 monkey1234 dragon1234 shadow1234
michael123 jennifer12 jordan2323 chocolate1 chocolate12 butterfly1 butterfly12
qwer1234qwer 1q2w3e4r5t6y7u 1q2w3e4r1q2w3e4r 123qweasdzxc qweasdzxc123 zxcvbnmasdfghjkl
asdfasdfasdf qwertyqwerty passwordpassword helloworld helloworld1 helloworld123
spring2026 summer2026 autumn2026 winter2026 december2026 november2026 clinic2026
massage123 massage1234 backpain123 clinicdemo
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.trim().toLowerCase());
}
