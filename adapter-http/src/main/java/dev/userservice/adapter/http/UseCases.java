package dev.userservice.adapter.http;

import dev.userservice.application.AuthenticateAccessToken;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.ChangePassword;
import dev.userservice.application.CountUsers;
import dev.userservice.application.DeleteUser;
import dev.userservice.application.EditUser;
import dev.userservice.application.GetOwnProfile;
import dev.userservice.application.GetUser;
import dev.userservice.application.ListUsers;
import dev.userservice.application.LogOut;
import dev.userservice.application.LogOutEverywhere;
import dev.userservice.application.RefreshSession;
import dev.userservice.application.RegisterUser;
import dev.userservice.application.RequestPasswordReset;
import dev.userservice.application.ResendVerificationCode;
import dev.userservice.application.ResetPassword;
import dev.userservice.application.VerifyEmail;
import java.util.Objects;

/** Every use case the HTTP API calls, as wired by the bootstrap. */
public record UseCases(
    RegisterUser registerUser,
    AuthenticateUser authenticateUser,
    AuthenticateAccessToken authenticateAccessToken,
    RefreshSession refreshSession,
    LogOut logOut,
    LogOutEverywhere logOutEverywhere,
    GetOwnProfile getOwnProfile,
    GetUser getUser,
    EditUser editUser,
    ListUsers listUsers,
    CountUsers countUsers,
    DeleteUser deleteUser,
    ResendVerificationCode resendVerificationCode,
    VerifyEmail verifyEmail,
    ChangePassword changePassword,
    RequestPasswordReset requestPasswordReset,
    ResetPassword resetPassword) {

  public UseCases {
    Objects.requireNonNull(registerUser, "registerUser");
    Objects.requireNonNull(authenticateUser, "authenticateUser");
    Objects.requireNonNull(authenticateAccessToken, "authenticateAccessToken");
    Objects.requireNonNull(refreshSession, "refreshSession");
    Objects.requireNonNull(logOut, "logOut");
    Objects.requireNonNull(logOutEverywhere, "logOutEverywhere");
    Objects.requireNonNull(getOwnProfile, "getOwnProfile");
    Objects.requireNonNull(getUser, "getUser");
    Objects.requireNonNull(editUser, "editUser");
    Objects.requireNonNull(listUsers, "listUsers");
    Objects.requireNonNull(countUsers, "countUsers");
    Objects.requireNonNull(deleteUser, "deleteUser");
    Objects.requireNonNull(resendVerificationCode, "resendVerificationCode");
    Objects.requireNonNull(verifyEmail, "verifyEmail");
    Objects.requireNonNull(changePassword, "changePassword");
    Objects.requireNonNull(requestPasswordReset, "requestPasswordReset");
    Objects.requireNonNull(resetPassword, "resetPassword");
  }
}
