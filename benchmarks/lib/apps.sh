# Sourced by run.sh and the profile scripts, after they set `work` (a temp folder of their own): the six apps, one RSA
# key for all of them, tokens minted with it, and how an app is started. One copy, so every script measures the same
# apps with the same settings.

# app number | label | project folder | assembly
catalogue=(
  "1|(1) SecureApi generated|SecureApiApp|SecureApi.Bench.SecureApiApp"
  "2|(2) Hand-written RequestDelegate|HandWritten|SecureApi.Bench.HandWritten"
  "3|(3) Minimal API + AddValidation|MinimalApi|SecureApi.Bench.MinimalApi"
  "4|(4) Minimal API + RDG|MinimalApiRdg|SecureApi.Bench.MinimalApiRdg"
  "5|(5) MVC controllers|Mvc|SecureApi.Bench.Mvc"
  "6|(6) Unsecured minimal API|Unsecured|SecureApi.Bench.Unsecured"
)
field() { local n=$1 i=$2 row; for row in "${catalogue[@]}"; do [[ ${row%%|*} == "$n" ]] && { cut -d'|' -f"$i" <<<"$row"; return; }; done; }

# One RSA key for every app; tokens are minted here (RS256, typ at+jwt, 50 minutes: under SecureApi's 1-hour maximum).
openssl genrsa -out "$work/private.pem" 2048 2>/dev/null
openssl rsa -in "$work/private.pem" -pubout -out "$work/public.pem" 2>/dev/null
public_pem=$(cat "$work/public.pem")
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
mint() { # $1: subject
  local now header payload
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"at+jwt","kid":"bench"}' | b64url)
  payload=$(printf '{"iss":"https://issuer.bench","aud":"bench","sub":"%s","iat":%d,"nbf":%d,"exp":%d}' "$1" "$now" "$now" $((now + 3000)) | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/private.pem" -binary | b64url)"
}

# Runs app $1 (built in Release) in place of the calling subshell: listening on $2, its items in the SQLite file $3,
# Production, log level Warning, limits too high to trip, pinned to core 0 (the load generator gets core 1).
run_app() {
  local n=$1 url=$2 db=$3
  export ASPNETCORE_URLS=$url ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
  export Bench__PublicKeyPem="$public_pem" Bench__SqlitePath="$db" Bench__RateLimitPermits=100000000
  export SecureApi__RequireHttps=false SecureApi__RateLimitPermits=100000000 \
    SecureApi__Database__Engine=Sqlite SecureApi__Database__SqlitePath="$db" \
    SecureApi__Cursors__Key="$(openssl rand -base64 32)" \
    SecureApi__Authentication__Jwt__Issuers__0=https://issuer.bench SecureApi__Authentication__Jwt__Audiences__0=bench \
    SecureApi__Authentication__Jwt__SigningKeys__0__Id=bench SecureApi__Authentication__Jwt__SigningKeys__0__PublicKeyPem="$public_pem"
  exec taskset -c 0 dotnet "benchmarks/Apps/$(field "$n" 3)/bin/Release/net10.0/$(field "$n" 4).dll"
}
