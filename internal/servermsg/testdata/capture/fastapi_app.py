# FastAPI app as the FastAPI security tutorial writes it (python-jose).
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPBearer, OAuth2PasswordBearer, HTTPAuthorizationCredentials
from jose import JWTError, jwt

SECRET = "capture-secret-not-a-real-one-0123456789"
app = FastAPI()
oauth2 = OAuth2PasswordBearer(tokenUrl="token")
bearer = HTTPBearer()

def current_user(token: str = Depends(oauth2)):
    exc = HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Could not validate credentials",
                        headers={"WWW-Authenticate": "Bearer"})
    try:
        payload = jwt.decode(token, SECRET, algorithms=["HS256"], audience="orders-api")
    except JWTError:
        raise exc
    return payload

def current_user_detail(token: str = Depends(oauth2)):
    # A common variant: the library's own message in detail.
    try:
        return jwt.decode(token, SECRET, algorithms=["HS256"], audience="orders-api")
    except JWTError as e:
        raise HTTPException(status_code=401, detail=str(e), headers={"WWW-Authenticate": "Bearer"})

@app.get("/me")
def me(user=Depends(current_user)):
    return user

@app.get("/me-detail")
def me_detail(user=Depends(current_user_detail)):
    return user

@app.get("/bearer")
def bearer_only(creds: HTTPAuthorizationCredentials = Depends(bearer)):
    return {"ok": True}
